import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  CheckupListView,
  CheckupView,
  HEALTH_CHECKUPS_LIST,
  HEALTH_CHECKUPS_RECORD,
  RecordCheckupDto,
} from '@terpadu/contracts';
import { RpcClient } from '@terpadu/messaging';
import { ACCESS } from '../auth/access-policy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../problem/api-problem-responses.decorator';
import { NikParamDto } from '../residents/nik-param.dto';

const NOT_FOUND = 'RESIDENT_NOT_FOUND: no such resident known to health, or outside your jurisdiction';

/** Routine checkups (health service). */
@ApiTags('health')
@ApiBearerAuth('bearer')
@Controller('v1')
export class CheckupsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('checkups')
  @Roles(...ACCESS.writeHealthRecords)
  @ApiOperation({
    operationId: 'recordCheckup',
    summary: 'Record a routine checkup',
    description: 'Date, facility, kind and an optional ICD-10 code (format checked, e.g. J06.9).',
  })
  @ApiCreatedResponse({ type: CheckupView, description: 'The recorded checkup' })
  @ApiProblemResponses({ 404: NOT_FOUND, 422: 'RESIDENT_DECEASED' })
  record(@CurrentActor() actor: Actor, @Body() checkup: RecordCheckupDto): Promise<CheckupView> {
    return this.rpc.send(HEALTH_CHECKUPS_RECORD, { actor, checkup });
  }

  @Get('residents/:nik/checkups')
  @Roles(...ACCESS.readHealthRecords)
  @ApiOperation({
    operationId: 'listResidentCheckups',
    summary: "List a person's checkups",
    description: 'Newest first.',
  })
  @ApiOkResponse({ type: CheckupListView, description: 'Checkups' })
  @ApiProblemResponses({ 404: NOT_FOUND })
  list(@CurrentActor() actor: Actor, @Param() { nik }: NikParamDto): Promise<CheckupListView> {
    return this.rpc.send(HEALTH_CHECKUPS_LIST, { actor, nik });
  }
}
