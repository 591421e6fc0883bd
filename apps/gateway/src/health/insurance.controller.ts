import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  HEALTH_INSURANCE_GET,
  HEALTH_INSURANCE_SET,
  InsuranceView,
  SetInsuranceDto,
} from '@terpadu/contracts';
import { RpcClient } from '@terpadu/messaging';
import { ACCESS } from '../auth/access-policy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../problem/api-problem-responses.decorator';
import { NikParamDto } from '../residents/nik-param.dto';

const NOT_FOUND = 'RESIDENT_NOT_FOUND: no such resident known to health, or outside your jurisdiction';

/** JKN health insurance membership (health service). */
@ApiTags('health')
@ApiBearerAuth('bearer')
@Controller('v1/residents/:nik/insurance')
export class InsuranceController {
  constructor(private readonly rpc: RpcClient) {}

  @Put()
  @Roles(...ACCESS.writeHealthRecords)
  @ApiOperation({
    operationId: 'setResidentInsurance',
    summary: "Set a person's JKN membership",
    description:
      'Replaces the membership: card number (13 digits), class 1-3, PBI flag and the active period.',
  })
  @ApiOkResponse({ type: InsuranceView, description: 'The membership and its status today' })
  @ApiProblemResponses({
    404: NOT_FOUND,
    409: 'INSURANCE_NUMBER_TAKEN: the card number is recorded for another person',
    422: 'RESIDENT_DECEASED',
  })
  set(
    @CurrentActor() actor: Actor,
    @Param() { nik }: NikParamDto,
    @Body() membership: SetInsuranceDto,
  ): Promise<InsuranceView> {
    return this.rpc.send(HEALTH_INSURANCE_SET, { actor, nik, membership });
  }

  @Get()
  @Roles(...ACCESS.readHealthRecords)
  @ApiOperation({
    operationId: 'getResidentInsurance',
    summary: "Get a person's JKN membership",
    description:
      'ACTIVE when today is inside the active period, INACTIVE outside it, NONE without a membership.',
  })
  @ApiOkResponse({ type: InsuranceView, description: 'The membership and its status today' })
  @ApiProblemResponses({ 404: NOT_FOUND })
  get(@CurrentActor() actor: Actor, @Param() { nik }: NikParamDto): Promise<InsuranceView> {
    return this.rpc.send(HEALTH_INSURANCE_GET, { actor, nik });
  }
}
