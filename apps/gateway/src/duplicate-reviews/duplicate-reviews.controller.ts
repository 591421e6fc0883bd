import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  DuplicateReviewPageView,
  DuplicateReviewView,
  ListDuplicateReviewsQueryDto,
  POPULATION_DUPLICATE_REVIEWS_LIST,
  POPULATION_DUPLICATE_REVIEWS_RESOLVE,
  ResolveDuplicateReviewDto,
} from '@terpadu/contracts';
import { RpcClient } from '@terpadu/messaging';
import { ACCESS } from '../auth/access-policy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../problem/api-problem-responses.decorator';
import { DuplicateReviewIdParamDto } from './duplicate-review-id-param.dto';

@ApiTags('duplicate-reviews')
@ApiBearerAuth('bearer')
@Controller('v1/duplicate-reviews')
export class DuplicateReviewsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Roles(...ACCESS.reviewDuplicates)
  @ApiOperation({
    operationId: 'listDuplicateReviews',
    summary: 'List pairs of records that may be one person',
    description:
      'Pairs found when a record entered the registry (same normalized name and birth date, or same mother ' +
      'and birth date), oldest first, a page at a time (`nextCursor`). Only pairs whose two records both lie ' +
      'in your jurisdiction.',
  })
  @ApiOkResponse({ type: DuplicateReviewPageView, description: 'A page of reviews' })
  @ApiProblemResponses()
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListDuplicateReviewsQueryDto,
  ): Promise<DuplicateReviewPageView> {
    return this.rpc.send(POPULATION_DUPLICATE_REVIEWS_LIST, { actor, query });
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles(...ACCESS.reviewDuplicates)
  @ApiOperation({
    operationId: 'resolveDuplicateReview',
    summary: 'Resolve a pair as two people or one',
    description:
      'DISTINCT closes the review. DUPLICATE keeps `keepResidentId` and deactivates the other record: it ' +
      'stays readable by NIK with its `deactivation`, leaves its family card (a head’s card then needs a new ' +
      'head), drops out of lists and searches, and no life event applies to it any more.',
  })
  @ApiOkResponse({ type: DuplicateReviewView, description: 'The resolved review' })
  @ApiProblemResponses({
    404: 'DUPLICATE_REVIEW_NOT_FOUND: no such review, or a record of it is outside your jurisdiction',
    409: 'DUPLICATE_REVIEW_ALREADY_RESOLVED',
    422: 'RESIDENT_DEACTIVATED: one of the records was already deactivated by another review',
  })
  resolve(
    @CurrentActor() actor: Actor,
    @Param() { id }: DuplicateReviewIdParamDto,
    @Body() resolution: ResolveDuplicateReviewDto,
  ): Promise<DuplicateReviewView> {
    return this.rpc.send(POPULATION_DUPLICATE_REVIEWS_RESOLVE, { actor, id, resolution });
  }
}
