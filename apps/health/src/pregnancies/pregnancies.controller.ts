import { Controller } from '@nestjs/common';
import { NikPipe, uuidPipe } from '@terpadu/service-kit';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  HEALTH_PREGNANCIES_LIST,
  HEALTH_PREGNANCIES_RECORD_DELIVERY,
  HEALTH_PREGNANCIES_RECORD_VISIT,
  HEALTH_PREGNANCIES_REGISTER,
  RecordAncVisitDto,
  RecordDeliveryDto,
  RegisterPregnancyDto,
  type RpcResponse,
} from '@terpadu/contracts';
import { ActorDto } from '@terpadu/contracts';
import { PregnanciesService } from './pregnancies.service';

@Controller()
export class PregnanciesController {
  constructor(private readonly pregnancies: PregnanciesService) {}

  @MessagePattern(HEALTH_PREGNANCIES_REGISTER)
  register(
    @Payload('actor') actor: ActorDto,
    @Payload('pregnancy') pregnancy: RegisterPregnancyDto,
  ): Promise<RpcResponse<typeof HEALTH_PREGNANCIES_REGISTER>> {
    return this.pregnancies.register(actor, pregnancy);
  }

  @MessagePattern(HEALTH_PREGNANCIES_LIST)
  list(
    @Payload('actor') actor: ActorDto,
    @Payload('nik', NikPipe) nik: string,
  ): Promise<RpcResponse<typeof HEALTH_PREGNANCIES_LIST>> {
    return this.pregnancies.list(actor, nik);
  }

  @MessagePattern(HEALTH_PREGNANCIES_RECORD_VISIT)
  recordVisit(
    @Payload('actor') actor: ActorDto,
    @Payload('pregnancyId', uuidPipe('pregnancyId')) pregnancyId: string,
    @Payload('visit') visit: RecordAncVisitDto,
  ): Promise<RpcResponse<typeof HEALTH_PREGNANCIES_RECORD_VISIT>> {
    return this.pregnancies.recordVisit(actor, pregnancyId, visit);
  }

  @MessagePattern(HEALTH_PREGNANCIES_RECORD_DELIVERY)
  recordDelivery(
    @Payload('actor') actor: ActorDto,
    @Payload('pregnancyId', uuidPipe('pregnancyId')) pregnancyId: string,
    @Payload('delivery') delivery: RecordDeliveryDto,
  ): Promise<RpcResponse<typeof HEALTH_PREGNANCIES_RECORD_DELIVERY>> {
    return this.pregnancies.recordDelivery(actor, pregnancyId, delivery);
  }
}
