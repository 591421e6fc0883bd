import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { POPULATION_REGIONS_GET, type RpcResponse } from '@terpadu/contracts';
import { ActorDto } from '@terpadu/contracts';
import { RegionCodePipe } from './region-code.pipe';
import { RegionsService } from './regions.service';

/** RPC handlers for region reference data (no personal data: nothing to record in the access log). */
@Controller()
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @MessagePattern(POPULATION_REGIONS_GET)
  get(
    @Payload('actor') _actor: ActorDto,
    @Payload('code', RegionCodePipe) code: string,
  ): Promise<RpcResponse<typeof POPULATION_REGIONS_GET>> {
    return this.regions.get(code);
  }
}
