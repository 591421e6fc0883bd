import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  HEALTH_IMMUNIZATIONS_GET,
  HEALTH_IMMUNIZATIONS_RECORD,
  ImmunizationRecordView,
  RecordImmunizationDto,
  ResidentImmunizationsView,
} from '@terpadu/contracts';
import { RpcClient } from '@terpadu/messaging';
import { ACCESS } from '../auth/access-policy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../problem/api-problem-responses.decorator';
import { NikParamDto } from '../residents/nik-param.dto';

const NOT_FOUND = 'RESIDENT_NOT_FOUND: no such resident known to health, or outside your jurisdiction';

/** Immunizations (health service): doses given, and each child's schedule with dose statuses. */
@ApiTags('health')
@ApiBearerAuth('bearer')
@Controller('v1')
export class ImmunizationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('immunizations')
  @Roles(...ACCESS.writeHealthRecords)
  @ApiOperation({
    operationId: 'recordImmunization',
    summary: 'Record a dose given to a child',
    description:
      'Which dose of which vaccine (codes of the schedule data), when, where and the vaccine batch. Refused when ' +
      'the child was too young for the dose, it came too soon after the previous dose of the vaccine, it was ' +
      'already given, the date is in the future, or the person is deceased.',
  })
  @ApiCreatedResponse({ type: ImmunizationRecordView, description: 'The dose as recorded' })
  @ApiProblemResponses({
    400: 'VALIDATION_FAILED: invalid fields, or `givenOn` in the future',
    404: NOT_FOUND,
    409: 'IMMUNIZATION_ALREADY_GIVEN: this dose is already recorded',
    422: 'IMMUNIZATION_TOO_EARLY, IMMUNIZATION_INTERVAL_TOO_SHORT, IMMUNIZATION_NOT_IN_SCHEDULE or RESIDENT_DECEASED',
  })
  record(
    @CurrentActor() actor: Actor,
    @Body() immunization: RecordImmunizationDto,
  ): Promise<ImmunizationRecordView> {
    return this.rpc.send(HEALTH_IMMUNIZATIONS_RECORD, { actor, immunization });
  }

  @Get('residents/:nik/immunizations')
  @Roles(...ACCESS.readHealthRecords)
  @ApiOperation({
    operationId: 'getResidentImmunizations',
    summary: "Get a child's immunization schedule and doses",
    description:
      'Every dose of the schedule with its dates and status (SCHEDULED, DUE, OVERDUE, GIVEN, MISSED), whether ' +
      'basic immunization is complete, and every dose recorded.',
  })
  @ApiOkResponse({ type: ResidentImmunizationsView, description: 'Schedule and doses' })
  @ApiProblemResponses({ 404: NOT_FOUND })
  get(@CurrentActor() actor: Actor, @Param() { nik }: NikParamDto): Promise<ResidentImmunizationsView> {
    return this.rpc.send(HEALTH_IMMUNIZATIONS_GET, { actor, nik });
  }
}
