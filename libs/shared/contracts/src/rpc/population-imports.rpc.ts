import type { ActorRequest } from '../common/actor';
import type {
  AppendImportRowsDto,
  CreateImportDto,
  ImportCreatedView,
  ImportJobView,
  ImportRowPageView,
  ImportRowsQueryDto,
  StartImportDto,
} from '../population/import.dto';

/**
 * Bulk import of residents, as a job: the gateway creates it for a file's SHA-256 (an existing job
 * for the same file comes back unchanged), appends the rows in chunks that fit a NATS message, then
 * starts it; the population service registers the rows in the background.
 */
export const POPULATION_IMPORTS_CREATE = 'rpc.population.imports.create' as const;
export const POPULATION_IMPORTS_APPEND = 'rpc.population.imports.append' as const;
export const POPULATION_IMPORTS_START = 'rpc.population.imports.start' as const;
export const POPULATION_IMPORTS_GET = 'rpc.population.imports.get' as const;
export const POPULATION_IMPORTS_ROWS = 'rpc.population.imports.rows' as const;

export interface PopulationImportsRpcMap {
  [POPULATION_IMPORTS_CREATE]: {
    request: ActorRequest & { job: CreateImportDto };
    response: ImportCreatedView;
  };
  [POPULATION_IMPORTS_APPEND]: {
    request: ActorRequest & { id: string; chunk: AppendImportRowsDto };
    response: { received: number };
  };
  [POPULATION_IMPORTS_START]: {
    request: ActorRequest & { id: string; start: StartImportDto };
    response: ImportJobView;
  };
  [POPULATION_IMPORTS_GET]: { request: ActorRequest & { id: string }; response: ImportJobView };
  [POPULATION_IMPORTS_ROWS]: {
    request: ActorRequest & { id: string; query: ImportRowsQueryDto };
    response: ImportRowPageView;
  };
}
