import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, DeadLetterPageView, DeadLetterView } from '@terpadu/contracts';
import { ACCESS } from '../auth/access-policy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../problem/api-problem-responses.decorator';
import { DeadLetterIdParamDto, ListDeadLettersQueryDto } from './dead-letter.dto';
import { DeadLettersService } from './dead-letters.service';

@ApiTags('admin')
@ApiBearerAuth('bearer')
@Controller('v1/admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @Roles(...ACCESS.operateDeadLetters)
  @ApiOperation({
    operationId: 'listDeadLetters',
    summary: 'List parked events of every service',
    description:
      'Events that exhausted their deliveries, from every consuming service, newest first. Services that did ' +
      'not answer in time are listed in `unavailable`; the others still answer.',
  })
  @ApiOkResponse({ type: DeadLetterPageView, description: 'Dead letters' })
  @ApiProblemResponses()
  list(@CurrentActor() actor: Actor, @Query() query: ListDeadLettersQueryDto): Promise<DeadLetterPageView> {
    return this.deadLetters.list(actor, query.includeReplayed ?? false);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Roles(...ACCESS.operateDeadLetters)
  @ApiOperation({
    operationId: 'replayDeadLetter',
    summary: 'Deliver a parked event again',
    description:
      'The service holding the dead letter hands the event to its handler again and marks it replayed.',
  })
  @ApiOkResponse({ type: DeadLetterView, description: 'The replayed dead letter' })
  @ApiProblemResponses({
    404: 'DEAD_LETTER_NOT_FOUND: no service holds it',
    409: 'DEAD_LETTER_ALREADY_REPLAYED',
    503: 'SERVICE_UNAVAILABLE: not found in the services that answered, and some did not answer',
  })
  replay(@CurrentActor() actor: Actor, @Param() { id }: DeadLetterIdParamDto): Promise<DeadLetterView> {
    return this.deadLetters.replay(actor, id);
  }
}
