import {
  createDataSourceOptions,
  MESSAGING_MIGRATIONS,
  type PostgresDataSourceOptions,
} from '@terpadu/database';
import { DataSource } from 'typeorm';
import { DataAccessLog } from '../access-log/data-access-log.entity';
import type { ServiceDefinition } from '../service-definition';
import { CreateDataAccessLog1796007342990 } from './migrations/1796007342990-create-data-access-log';

/** The kit's own migrations, applied before a service's: messaging tables, then the data access log. */
export const KIT_MIGRATIONS = [...MESSAGING_MIGRATIONS, CreateDataAccessLog1796007342990];

/** A service's database as Nest (TypeOrmModule), the migration command, the TypeORM CLI and specs open it. */
export function serviceDataSourceOptions(
  service: Pick<ServiceDefinition, 'entities' | 'migrations'>,
  url: string,
): PostgresDataSourceOptions {
  return createDataSourceOptions({
    url,
    entities: [DataAccessLog, ...service.entities],
    migrations: [...KIT_MIGRATIONS, ...service.migrations],
  });
}

/** For TypeORM's CLI (`typeorm -d apps/<name>/src/database/data-source.ts migration:show`). */
export function serviceDataSource(service: ServiceDefinition): DataSource {
  return new DataSource(
    serviceDataSourceOptions(service, process.env.DATABASE_URL ?? `postgres://localhost/${service.name}`),
  );
}
