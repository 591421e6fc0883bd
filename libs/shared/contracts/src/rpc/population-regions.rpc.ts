import type { ActorRequest } from '../common/actor';
import type { RegionView } from '../population/region.dto';

export const POPULATION_REGIONS_GET = 'rpc.population.regions.get' as const;

export interface PopulationRegionsRpcMap {
  /** `code`: an undotted province, regency, district or village code. */
  [POPULATION_REGIONS_GET]: { request: ActorRequest & { code: string }; response: RegionView };
}
