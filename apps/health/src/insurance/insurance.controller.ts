import { Controller } from '@nestjs/common';
import { NikPipe } from '@terpadu/service-kit';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  HEALTH_INSURANCE_GET,
  HEALTH_INSURANCE_SET,
  type RpcResponse,
  SetInsuranceDto,
} from '@terpadu/contracts';
import { ActorDto } from '@terpadu/contracts';
import { InsuranceService } from './insurance.service';

@Controller()
export class InsuranceController {
  constructor(private readonly insurance: InsuranceService) {}

  @MessagePattern(HEALTH_INSURANCE_SET)
  set(
    @Payload('actor') actor: ActorDto,
    @Payload('nik', NikPipe) nik: string,
    @Payload('membership') membership: SetInsuranceDto,
  ): Promise<RpcResponse<typeof HEALTH_INSURANCE_SET>> {
    return this.insurance.set(actor, nik, membership);
  }

  @MessagePattern(HEALTH_INSURANCE_GET)
  get(
    @Payload('actor') actor: ActorDto,
    @Payload('nik', NikPipe) nik: string,
  ): Promise<RpcResponse<typeof HEALTH_INSURANCE_GET>> {
    return this.insurance.get(actor, nik);
  }
}
