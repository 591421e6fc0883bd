import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@terpadu/contracts';
import { ACCESS } from '../auth/access-policy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../problem/api-problem-responses.decorator';
import { NikParamDto } from '../residents/nik-param.dto';
import { OverviewService } from './overview.service';
import {
  FamilySectionView,
  HealthSectionView,
  OverviewView,
  PersonSectionView,
  UnavailableSectionView,
} from './overview.view';

@ApiTags('residents')
@ApiBearerAuth('bearer')
@ApiExtraModels(FamilySectionView, HealthSectionView, PersonSectionView, UnavailableSectionView)
@Controller('v1/residents/:nik/overview')
export class OverviewController {
  constructor(private readonly overviews: OverviewService) {}

  @Get()
  @Roles(...ACCESS.readOverview)
  @ApiOperation({
    operationId: 'getResidentOverview',
    summary: 'Get the one-stop overview of a resident',
    description:
      'The person, their family card and their health in one answer, each section from its own service, fetched ' +
      'in parallel with its own deadline. A section that fails or times out comes back as ' +
      '`{ "status": "unavailable", "reason": "timeout" | "error" }` and the answer is still 200; only a failure ' +
      'of the person section fails the request. Which sections, and how much of them, depends on your roles: ' +
      'health details for health workers, a health summary for front desk, village heads and social workers.',
  })
  @ApiOkResponse({ type: OverviewView, description: 'The sections you may see' })
  @ApiProblemResponses({
    404: 'RESIDENT_NOT_FOUND: no such resident, or the resident lives outside your jurisdiction',
    503: 'SERVICE_UNAVAILABLE: the registry (person section) is not available',
    504: 'UPSTREAM_TIMEOUT: the registry (person section) did not answer within the section deadline',
  })
  get(@CurrentActor() actor: Actor, @Param() { nik }: NikParamDto): Promise<OverviewView> {
    return this.overviews.overview(actor, nik);
  }
}
