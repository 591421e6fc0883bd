import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  HEALTH_PREGNANCIES_LIST,
  HEALTH_PREGNANCIES_RECORD_DELIVERY,
  HEALTH_PREGNANCIES_RECORD_VISIT,
  HEALTH_PREGNANCIES_REGISTER,
  PregnancyListView,
  PregnancyView,
  RecordAncVisitDto,
  RecordDeliveryDto,
  RegisterPregnancyDto,
} from '@terpadu/contracts';
import { RpcClient } from '@terpadu/messaging';
import { ACCESS } from '../auth/access-policy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../problem/api-problem-responses.decorator';
import { NikParamDto } from '../residents/nik-param.dto';
import { PregnancyIdParamDto } from './pregnancy-id-param.dto';

const PREGNANCY_NOT_FOUND =
  'PREGNANCY_NOT_FOUND: no such pregnancy, or the mother is outside your jurisdiction';
const CLOSED = 'PREGNANCY_NOT_ACTIVE: the pregnancy was delivered or closed';

/** Pregnancies and antenatal care (health service). */
@ApiTags('health')
@ApiBearerAuth('bearer')
@Controller('v1')
export class PregnanciesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('pregnancies')
  @Roles(...ACCESS.writeHealthRecords)
  @ApiOperation({
    operationId: 'registerPregnancy',
    summary: 'Register a pregnancy',
    description:
      'A living woman known to health, one active pregnancy at a time, delivery expected within 44 weeks.',
  })
  @ApiCreatedResponse({ type: PregnancyView, description: 'The registered pregnancy' })
  @ApiProblemResponses({
    404: 'RESIDENT_NOT_FOUND: no such resident known to health, or outside your jurisdiction',
    409: 'PREGNANCY_ALREADY_ACTIVE: record the delivery of the active pregnancy first',
    422: 'PREGNANCY_NOT_ELIGIBLE or RESIDENT_DECEASED',
  })
  register(@CurrentActor() actor: Actor, @Body() pregnancy: RegisterPregnancyDto): Promise<PregnancyView> {
    return this.rpc.send(HEALTH_PREGNANCIES_REGISTER, { actor, pregnancy });
  }

  @Post('pregnancies/:id/anc-visits')
  @Roles(...ACCESS.writeHealthRecords)
  @ApiOperation({
    operationId: 'recordAncVisit',
    summary: 'Record an antenatal care visit',
    description: 'A visit of an active pregnancy, dated during the pregnancy and not in the future.',
  })
  @ApiCreatedResponse({ type: PregnancyView, description: 'The pregnancy with the new visit' })
  @ApiProblemResponses({ 404: PREGNANCY_NOT_FOUND, 409: CLOSED, 422: 'RESIDENT_DECEASED' })
  recordVisit(
    @CurrentActor() actor: Actor,
    @Param() { id }: PregnancyIdParamDto,
    @Body() visit: RecordAncVisitDto,
  ): Promise<PregnancyView> {
    return this.rpc.send(HEALTH_PREGNANCIES_RECORD_VISIT, { actor, pregnancyId: id, visit });
  }

  @Post('pregnancies/:id/delivery')
  @HttpCode(200)
  @Roles(...ACCESS.writeHealthRecords)
  @ApiOperation({
    operationId: 'recordDelivery',
    summary: 'Record the delivery',
    description: 'Ends the active pregnancy with its delivery date, facility and outcome.',
  })
  @ApiOkResponse({ type: PregnancyView, description: 'The delivered pregnancy' })
  @ApiProblemResponses({ 404: PREGNANCY_NOT_FOUND, 409: CLOSED, 422: 'RESIDENT_DECEASED' })
  recordDelivery(
    @CurrentActor() actor: Actor,
    @Param() { id }: PregnancyIdParamDto,
    @Body() delivery: RecordDeliveryDto,
  ): Promise<PregnancyView> {
    return this.rpc.send(HEALTH_PREGNANCIES_RECORD_DELIVERY, { actor, pregnancyId: id, delivery });
  }

  @Get('residents/:nik/pregnancies')
  @Roles(...ACCESS.readHealthRecords)
  @ApiOperation({
    operationId: 'listResidentPregnancies',
    summary: "List a woman's pregnancies",
    description: 'Newest first, each with its ANC visits and delivery.',
  })
  @ApiOkResponse({ type: PregnancyListView, description: 'Pregnancies' })
  @ApiProblemResponses({
    404: 'RESIDENT_NOT_FOUND: no such resident known to health, or outside your jurisdiction',
  })
  list(@CurrentActor() actor: Actor, @Param() { nik }: NikParamDto): Promise<PregnancyListView> {
    return this.rpc.send(HEALTH_PREGNANCIES_LIST, { actor, nik });
  }
}
