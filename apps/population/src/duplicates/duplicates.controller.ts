import { Controller, ParseUUIDPipe } from '@nestjs/common';
import { invalidField } from '@terpadu/service-kit';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ListDuplicateReviewsQueryDto,
  POPULATION_DUPLICATE_REVIEWS_LIST,
  POPULATION_DUPLICATE_REVIEWS_RESOLVE,
  ResolveDuplicateReviewDto,
  type RpcResponse,
} from '@terpadu/contracts';
import { ActorDto } from '@terpadu/contracts';
import { DuplicatesService } from './duplicates.service';

const reviewIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => invalidField('id', 'isUuid', 'id must be a UUID'),
});

/** RPC handlers of the duplicate review queue. */
@Controller()
export class DuplicatesController {
  constructor(private readonly duplicates: DuplicatesService) {}

  @MessagePattern(POPULATION_DUPLICATE_REVIEWS_LIST)
  list(
    @Payload('actor') actor: ActorDto,
    @Payload('query') query: ListDuplicateReviewsQueryDto,
  ): Promise<RpcResponse<typeof POPULATION_DUPLICATE_REVIEWS_LIST>> {
    return this.duplicates.list(actor, query);
  }

  @MessagePattern(POPULATION_DUPLICATE_REVIEWS_RESOLVE)
  resolve(
    @Payload('actor') actor: ActorDto,
    @Payload('id', reviewIdPipe) id: string,
    @Payload('resolution') resolution: ResolveDuplicateReviewDto,
  ): Promise<RpcResponse<typeof POPULATION_DUPLICATE_REVIEWS_RESOLVE>> {
    return this.duplicates.resolve(actor, id, resolution);
  }
}
