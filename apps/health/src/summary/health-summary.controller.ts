import { Controller } from '@nestjs/common';
import { NikPipe } from '@terpadu/service-kit';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { HEALTH_SUMMARY_GET, type HealthSummaryLevel, type RpcResponse } from '@terpadu/contracts';
import { ActorDto } from '@terpadu/contracts';
import { HealthSummaryService } from './health-summary.service';

@Controller()
export class HealthSummaryController {
  constructor(private readonly summaries: HealthSummaryService) {}

  @MessagePattern(HEALTH_SUMMARY_GET)
  get(
    @Payload('actor') actor: ActorDto,
    @Payload('nik', NikPipe) nik: string,
    @Payload('level') level: HealthSummaryLevel,
  ): Promise<RpcResponse<typeof HEALTH_SUMMARY_GET>> {
    return this.summaries.get(actor, nik, level);
  }
}
