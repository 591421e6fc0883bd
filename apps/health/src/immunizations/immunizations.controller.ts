import { Controller } from '@nestjs/common';
import { NikPipe } from '@terpadu/service-kit';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  HEALTH_IMMUNIZATIONS_GET,
  HEALTH_IMMUNIZATIONS_RECORD,
  RecordImmunizationDto,
  type RpcResponse,
} from '@terpadu/contracts';
import { ActorDto } from '@terpadu/contracts';
import { ImmunizationsService } from './immunizations.service';

@Controller()
export class ImmunizationsController {
  constructor(private readonly immunizations: ImmunizationsService) {}

  @MessagePattern(HEALTH_IMMUNIZATIONS_RECORD)
  record(
    @Payload('actor') actor: ActorDto,
    @Payload('immunization') immunization: RecordImmunizationDto,
  ): Promise<RpcResponse<typeof HEALTH_IMMUNIZATIONS_RECORD>> {
    return this.immunizations.record(actor, immunization);
  }

  @MessagePattern(HEALTH_IMMUNIZATIONS_GET)
  get(
    @Payload('actor') actor: ActorDto,
    @Payload('nik', NikPipe) nik: string,
  ): Promise<RpcResponse<typeof HEALTH_IMMUNIZATIONS_GET>> {
    return this.immunizations.get(actor, nik);
  }
}
