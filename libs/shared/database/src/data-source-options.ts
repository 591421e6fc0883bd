import { type CustomTypesConfig, types } from 'pg';
import type { DataSourceOptions } from 'typeorm';

export type PostgresDataSourceOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

// TypeORM takes entity and migration classes as plain constructors.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = Function[];

export interface DataSourceFactoryOptions {
  url: string;
  /** The service's entities. */
  entities: ClassList;
  /** The service's own migrations; add MESSAGING_MIGRATIONS to them yourself (order matters). */
  migrations: ClassList;
  /** Pool size (default 10). */
  poolSize?: number;
}

const DATE_OID: number = types.builtins.DATE;

/**
 * pg turns a SQL `date` into a JS Date at local midnight, which a time zone can move to the previous
 * day. Birth dates, dose dates and issue dates are calendar dates: every service reads them as the
 * string PostgreSQL sends (`YYYY-MM-DD`). Scoped to the DataSource's connections, not set globally.
 */
export const calendarDateTypes: CustomTypesConfig = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): unknown =>
    oid === DATE_OID && format !== 'binary'
      ? (value: string) => value
      : (types.getTypeParser(oid, format) as unknown),
};

/**
 * One set of DataSource options for a service, used by Nest (TypeOrmModule) and the TypeORM CLI.
 * Schema changes only happen through migrations run by an explicit command.
 */
export function createDataSourceOptions(o: DataSourceFactoryOptions): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url: o.url,
    entities: o.entities,
    migrations: o.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    poolSize: o.poolSize ?? 10,
    extra: { types: calendarDateTypes },
  };
}
