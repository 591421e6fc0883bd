import type { DataSourceOptions } from 'typeorm';
import { MESSAGING_ENTITIES } from './messaging-tables';

export type PostgresDataSourceOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

// TypeORM takes entity and migration classes as plain constructors.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = Function[];

export interface DataSourceFactoryOptions {
  url: string;
  /** The service's own entities; the messaging entities are added. */
  entities: ClassList;
  /** The service's own migrations; add MESSAGING_MIGRATIONS to them yourself (order matters). */
  migrations: ClassList;
  /** Pool size (default 10). */
  poolSize?: number;
}

/**
 * One set of DataSource options for a service, used by Nest (TypeOrmModule) and the TypeORM CLI.
 * Schema changes only happen through migrations run by an explicit command.
 */
export function createDataSourceOptions(o: DataSourceFactoryOptions): PostgresDataSourceOptions {
  const entities = [...o.entities, ...MESSAGING_ENTITIES.filter((e) => !o.entities.includes(e))];
  return {
    type: 'postgres',
    url: o.url,
    entities,
    migrations: o.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    poolSize: o.poolSize ?? 10,
  };
}
