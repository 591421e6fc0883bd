import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  ListResidentsQueryDto,
  POPULATION_RESIDENTS_GET,
  POPULATION_RESIDENTS_HISTORY,
  POPULATION_RESIDENTS_REGISTER,
  POPULATION_RESIDENTS_SEARCH,
  POPULATION_RESIDENTS_UPDATE,
  RegisteredResidentView,
  RegisterResidentDto,
  ResidentHistoryView,
  ResidentPageView,
  ResidentView,
  SearchResidentsDto,
  UpdateResidentDto,
} from '@terpadu/contracts';
import { RpcClient } from '@terpadu/messaging';
import { ACCESS } from '../auth/access-policy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../problem/api-problem-responses.decorator';
import { NikParamDto } from './nik-param.dto';

const OUTSIDE_JURISDICTION =
  'RESIDENT_NOT_FOUND: no such resident, or the resident lives outside your jurisdiction';

@ApiTags('residents')
@ApiBearerAuth('bearer')
@Controller('v1/residents')
export class ResidentsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Roles(...ACCESS.registerResidents)
  @ApiOperation({
    operationId: 'registerResident',
    summary: 'Register a resident who already has a NIK',
    description:
      'Checks the NIK (format, encoded birth date and sex, serial, province). An unknown regency or district ' +
      'comes back in `warnings`; an encoded date or sex that disagrees with `birthDate`/`sex` is accepted and ' +
      'flagged in `reviewFlags`.',
  })
  @ApiCreatedResponse({ type: RegisteredResidentView, description: 'Registered' })
  @ApiProblemResponses({
    403: 'FORBIDDEN: your roles do not allow this operation, or the address is outside your jurisdiction',
    409: 'NIK_ALREADY_REGISTERED: a resident with this NIK exists',
  })
  register(
    @CurrentActor() actor: Actor,
    @Body() resident: RegisterResidentDto,
  ): Promise<RegisteredResidentView> {
    return this.rpc.send(POPULATION_RESIDENTS_REGISTER, { actor, resident });
  }

  @Get()
  @Roles(...ACCESS.readResidents)
  @ApiOperation({
    operationId: 'listResidents',
    summary: 'List residents by village and status',
    description:
      'Residents inside your jurisdiction, a page at a time (`nextCursor`). To search by name use ' +
      '`POST /v1/residents/search`: names never travel in a URL.',
  })
  @ApiOkResponse({ type: ResidentPageView, description: 'A page of residents' })
  @ApiProblemResponses()
  list(@CurrentActor() actor: Actor, @Query() query: ListResidentsQueryDto): Promise<ResidentPageView> {
    return this.rpc.send(POPULATION_RESIDENTS_SEARCH, { actor, query });
  }

  @Post('search')
  @HttpCode(200)
  @Roles(...ACCESS.readResidents)
  @ApiOperation({
    operationId: 'searchResidents',
    summary: 'Search residents by name, village and status',
    description:
      'The same listing as `GET /v1/residents` plus a name search. The criteria travel in the request body, ' +
      'not the query string, so that personal names never land in URLs, proxy access logs or browser history.',
  })
  @ApiOkResponse({ type: ResidentPageView, description: 'A page of matching residents' })
  @ApiProblemResponses()
  search(@CurrentActor() actor: Actor, @Body() query: SearchResidentsDto): Promise<ResidentPageView> {
    return this.rpc.send(POPULATION_RESIDENTS_SEARCH, { actor, query });
  }

  @Get(':nik')
  @Roles(...ACCESS.readResidents)
  @ApiOperation({
    operationId: 'getResident',
    summary: 'Get a resident by NIK',
    description: 'The current record of one resident.',
  })
  @ApiOkResponse({ type: ResidentView, description: 'The resident' })
  @ApiProblemResponses({ 404: OUTSIDE_JURISDICTION })
  get(@CurrentActor() actor: Actor, @Param() { nik }: NikParamDto): Promise<ResidentView> {
    return this.rpc.send(POPULATION_RESIDENTS_GET, { actor, nik });
  }

  @Patch(':nik')
  @Roles(...ACCESS.correctResidents)
  @ApiOperation({
    operationId: 'correctResident',
    summary: 'Correct a resident record',
    description: 'Changes the given fields; `reason` is mandatory and every change is kept in the history.',
  })
  @ApiOkResponse({ type: ResidentView, description: 'The corrected resident' })
  @ApiProblemResponses({
    403: 'FORBIDDEN: your roles do not allow this operation, or the new address is outside your jurisdiction',
    404: OUTSIDE_JURISDICTION,
    422: 'NOTHING_TO_CHANGE: the correction changes no field',
  })
  correct(
    @CurrentActor() actor: Actor,
    @Param() { nik }: NikParamDto,
    @Body() changes: UpdateResidentDto,
  ): Promise<ResidentView> {
    return this.rpc.send(POPULATION_RESIDENTS_UPDATE, { actor, nik, changes });
  }

  @Get(':nik/history')
  @Roles(...ACCESS.readResidentHistory)
  @ApiOperation({
    operationId: 'getResidentHistory',
    summary: 'Get the change history of a resident',
    description: 'Registration and every correction, newest first, with who made it and why.',
  })
  @ApiOkResponse({ type: ResidentHistoryView, description: 'The history' })
  @ApiProblemResponses({ 404: OUTSIDE_JURISDICTION })
  history(@CurrentActor() actor: Actor, @Param() { nik }: NikParamDto): Promise<ResidentHistoryView> {
    return this.rpc.send(POPULATION_RESIDENTS_HISTORY, { actor, nik });
  }
}
