/**
 * The migration command, a separate bundle (dist/apps/health/migrate.js) run by a Kubernetes
 * Job, a compose one-shot or the dev launcher before the service starts:
 *   DATABASE_URL=... node dist/apps/health/migrate.js            apply every pending migration
 *   DATABASE_URL=... node dist/apps/health/migrate.js --revert   undo the last applied one
 */
import 'reflect-metadata';
import { validateEnv } from '@terpadu/config';
import { createLogger } from '@terpadu/observability';
import { DatabaseEnv } from '../config/env';
import { migrate } from './migrator';

async function main(): Promise<void> {
  const logger = createLogger('health-migrate');
  try {
    const env = validateEnv(DatabaseEnv, process.env);
    const outcome = await migrate(env.DATABASE_URL, { revert: process.argv.includes('--revert') });
    logger.info(
      { direction: outcome.direction, migrations: outcome.migrations },
      `migrations ${outcome.direction}: ${outcome.migrations.length}`,
    );
  } catch (error) {
    logger.error({ err: error }, 'migration failed');
    process.exitCode = 1;
  }
}

void main();
