import { Controller } from '@nestjs/common';
import { NikPipe } from '@terpadu/service-kit';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  HEALTH_CHECKUPS_LIST,
  HEALTH_CHECKUPS_RECORD,
  RecordCheckupDto,
  type RpcResponse,
} from '@terpadu/contracts';
import { ActorDto } from '@terpadu/contracts';
import { CheckupsService } from './checkups.service';

@Controller()
export class CheckupsController {
  constructor(private readonly checkups: CheckupsService) {}

  @MessagePattern(HEALTH_CHECKUPS_RECORD)
  record(
    @Payload('actor') actor: ActorDto,
    @Payload('checkup') checkup: RecordCheckupDto,
  ): Promise<RpcResponse<typeof HEALTH_CHECKUPS_RECORD>> {
    return this.checkups.record(actor, checkup);
  }

  @MessagePattern(HEALTH_CHECKUPS_LIST)
  list(
    @Payload('actor') actor: ActorDto,
    @Payload('nik', NikPipe) nik: string,
  ): Promise<RpcResponse<typeof HEALTH_CHECKUPS_LIST>> {
    return this.checkups.list(actor, nik);
  }
}
