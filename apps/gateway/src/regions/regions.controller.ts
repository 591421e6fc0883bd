import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, POPULATION_REGIONS_GET, RegionView } from '@terpadu/contracts';
import { RpcClient } from '@terpadu/messaging';
import { ACCESS } from '../auth/access-policy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../problem/api-problem-responses.decorator';
import { RegionCodeParamDto } from './region-code-param.dto';

@ApiTags('regions')
@ApiBearerAuth('bearer')
@Controller('v1/regions')
export class RegionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':code')
  @Roles(...ACCESS.readRegions)
  @ApiOperation({
    operationId: 'getRegion',
    summary: 'Get a region and the names of the regions above it',
    description:
      'Kemendagri region reference data (from the idn-area-data package, ODbL). A code retired by a later ' +
      'edition still resolves, with `retiredAt` set.',
  })
  @ApiOkResponse({ type: RegionView, description: 'The region' })
  @ApiProblemResponses({ 404: 'REGION_NOT_FOUND: no region has this code' })
  get(@CurrentActor() actor: Actor, @Param() { code }: RegionCodeParamDto): Promise<RegionView> {
    return this.rpc.send(POPULATION_REGIONS_GET, { actor, code });
  }
}
