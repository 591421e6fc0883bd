import type { ActorRequest } from '../common/actor';
import type { BirthView, RegisterBirthDto } from '../population/birth.dto';
import type { DeathView, RegisterDeathDto } from '../population/death.dto';
import type {
  DuplicateReviewPageView,
  DuplicateReviewView,
  ListDuplicateReviewsQueryDto,
  ResolveDuplicateReviewDto,
} from '../population/duplicate.dto';
import type { FamilyCardView } from '../population/family-card.dto';
import type {
  ChangeFamilyHeadDto,
  SplitFamilyCardDto,
  SplitFamilyCardView,
} from '../population/family-card-split.dto';
import type { MoveInDto, MoveInView, MoveOutDto, MoveOutView } from '../population/move.dto';

export const POPULATION_BIRTHS_REGISTER = 'rpc.population.births.register' as const;
export const POPULATION_DEATHS_REGISTER = 'rpc.population.deaths.register' as const;
export const POPULATION_MOVES_OUT = 'rpc.population.moves.out' as const;
export const POPULATION_MOVES_IN = 'rpc.population.moves.in' as const;
export const POPULATION_FAMILY_CARDS_SPLIT = 'rpc.population.family-cards.split' as const;
export const POPULATION_FAMILY_CARDS_CHANGE_HEAD = 'rpc.population.family-cards.change-head' as const;
export const POPULATION_DUPLICATE_REVIEWS_LIST = 'rpc.population.duplicate-reviews.list' as const;
export const POPULATION_DUPLICATE_REVIEWS_RESOLVE = 'rpc.population.duplicate-reviews.resolve' as const;

/** Life events (births, deaths, moves, family card splits and heads) and the duplicate review queue. */
export interface PopulationLifeEventsRpcMap {
  [POPULATION_BIRTHS_REGISTER]: { request: ActorRequest & { birth: RegisterBirthDto }; response: BirthView };
  [POPULATION_DEATHS_REGISTER]: { request: ActorRequest & { death: RegisterDeathDto }; response: DeathView };
  [POPULATION_MOVES_OUT]: { request: ActorRequest & { move: MoveOutDto }; response: MoveOutView };
  [POPULATION_MOVES_IN]: { request: ActorRequest & { move: MoveInDto }; response: MoveInView };
  [POPULATION_FAMILY_CARDS_SPLIT]: {
    request: ActorRequest & { number: string; split: SplitFamilyCardDto };
    response: SplitFamilyCardView;
  };
  [POPULATION_FAMILY_CARDS_CHANGE_HEAD]: {
    request: ActorRequest & { number: string; change: ChangeFamilyHeadDto };
    response: FamilyCardView;
  };
  [POPULATION_DUPLICATE_REVIEWS_LIST]: {
    request: ActorRequest & { query: ListDuplicateReviewsQueryDto };
    response: DuplicateReviewPageView;
  };
  [POPULATION_DUPLICATE_REVIEWS_RESOLVE]: {
    request: ActorRequest & { id: string; resolution: ResolveDuplicateReviewDto };
    response: DuplicateReviewView;
  };
}
