import type { ActorRequest } from '../common/actor';
import type {
  AddFamilyMemberDto,
  CreateFamilyCardDto,
  FamilyCardView,
  RemoveFamilyMemberDto,
} from '../population/family-card.dto';
import type {
  RegisteredResidentView,
  RegisterResidentDto,
  ResidentHistoryView,
  ResidentPageView,
  ResidentView,
  SearchResidentsDto,
  UpdateResidentDto,
} from '../population/resident.dto';

export const POPULATION_RESIDENTS_REGISTER = 'rpc.population.residents.register' as const;
export const POPULATION_RESIDENTS_GET = 'rpc.population.residents.get' as const;
export const POPULATION_RESIDENTS_SEARCH = 'rpc.population.residents.search' as const;
export const POPULATION_RESIDENTS_UPDATE = 'rpc.population.residents.update' as const;
export const POPULATION_RESIDENTS_HISTORY = 'rpc.population.residents.history' as const;
export const POPULATION_FAMILY_CARDS_CREATE = 'rpc.population.family-cards.create' as const;
export const POPULATION_FAMILY_CARDS_GET = 'rpc.population.family-cards.get' as const;
export const POPULATION_FAMILY_CARDS_ADD_MEMBER = 'rpc.population.family-cards.add-member' as const;
export const POPULATION_FAMILY_CARDS_REMOVE_MEMBER = 'rpc.population.family-cards.remove-member' as const;

export interface PopulationRpcMap {
  [POPULATION_RESIDENTS_REGISTER]: {
    request: ActorRequest & { resident: RegisterResidentDto };
    response: RegisteredResidentView;
  };
  [POPULATION_RESIDENTS_GET]: { request: ActorRequest & { nik: string }; response: ResidentView };
  [POPULATION_RESIDENTS_SEARCH]: {
    request: ActorRequest & { query: SearchResidentsDto };
    response: ResidentPageView;
  };
  [POPULATION_RESIDENTS_UPDATE]: {
    request: ActorRequest & { nik: string; changes: UpdateResidentDto };
    response: ResidentView;
  };
  [POPULATION_RESIDENTS_HISTORY]: { request: ActorRequest & { nik: string }; response: ResidentHistoryView };
  [POPULATION_FAMILY_CARDS_CREATE]: {
    request: ActorRequest & { card: CreateFamilyCardDto };
    response: FamilyCardView;
  };
  [POPULATION_FAMILY_CARDS_GET]: { request: ActorRequest & { number: string }; response: FamilyCardView };
  [POPULATION_FAMILY_CARDS_ADD_MEMBER]: {
    request: ActorRequest & { number: string; member: AddFamilyMemberDto };
    response: FamilyCardView;
  };
  [POPULATION_FAMILY_CARDS_REMOVE_MEMBER]: {
    request: ActorRequest & { number: string; nik: string; removal: RemoveFamilyMemberDto };
    response: FamilyCardView;
  };
}
