import type { ServiceEnv } from './service-env';

// TypeORM takes entity and migration classes as plain constructors.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = Function[];

/**
 * What the kit needs to know of a service: its registry name, its Env class, and its own entities
 * and migrations (the kit adds the messaging tables and the data access log). One constant per app,
 * `apps/<name>/src/database/data-source.ts`, read by its main.ts, migrate.ts and specs.
 */
export interface ServiceDefinition<E extends ServiceEnv = ServiceEnv> {
  /** The name in the services registry (libs/shared/contracts/src/services/services.json). */
  name: string;
  Env: new () => E;
  entities: ClassList;
  /** The service's own migrations, in order; they run after the kit's. */
  migrations: ClassList;
}

export function defineService<E extends ServiceEnv>(definition: ServiceDefinition<E>): ServiceDefinition<E> {
  return definition;
}
