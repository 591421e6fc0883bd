import { createHash } from 'node:crypto';
import 'reflect-metadata';
import { validateEnv } from '@terpadu/config';
import { type MigrationOutcome, runMigrations } from '@terpadu/database';
import { createLogger } from '@terpadu/observability';
import type { ServiceDefinition } from '../service-definition';
import { DatabaseEnv } from '../service-env';
import { serviceDataSourceOptions } from './service-data-source';

/**
 * The session advisory lock key of a service's migrations, derived from its name: two runs of one
 * service's migrations wait for each other; two services never share a key by hand-picking.
 */
export function migrationLockKey(service: string): number {
  // 48 bits of the name's hash: a safe integer, well inside PostgreSQL's bigint.
  return parseInt(
    createHash('sha256').update(`terpadu-migrations:${service}`).digest('hex').slice(0, 12),
    16,
  );
}

/** Applies a service's pending migrations (the kit's first), or with `revert` undoes the last one. */
export function migrateService(
  service: ServiceDefinition,
  url: string,
  options: { revert?: boolean } = {},
): Promise<MigrationOutcome> {
  return runMigrations(serviceDataSourceOptions(service, url), {
    lockKey: migrationLockKey(service.name),
    revert: options.revert,
  });
}

/**
 * The migration command, a separate bundle (dist/apps/<name>/migrate.js) run by a Kubernetes Job, a
 * compose one-shot or the dev launcher before the service starts:
 *   DATABASE_URL=... node dist/apps/<name>/migrate.js            apply every pending migration
 *   DATABASE_URL=... node dist/apps/<name>/migrate.js --revert   undo the last applied one
 */
export async function runMigrationCommand(service: ServiceDefinition, argv = process.argv): Promise<void> {
  const logger = createLogger(`${service.name}-migrate`);
  try {
    const env = validateEnv(DatabaseEnv, process.env);
    const outcome = await migrateService(service, env.DATABASE_URL, { revert: argv.includes('--revert') });
    logger.info(
      { direction: outcome.direction, migrations: outcome.migrations },
      `migrations ${outcome.direction}: ${outcome.migrations.length}`,
    );
  } catch (error) {
    logger.error({ err: error }, 'migration failed');
    process.exitCode = 1;
  }
}
