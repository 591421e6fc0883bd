import { type MigrationOutcome, runMigrations } from '@terpadu/database';
import { createPopulationDataSourceOptions } from './data-source';

/** A constant of our own: the session advisory lock that keeps two migration runs from interleaving. */
const MIGRATION_LOCK_KEY = 7_436_001;

/** Applies the population service's pending migrations, or with `revert` undoes the last one. */
export function migrate(url: string, options: { revert?: boolean } = {}): Promise<MigrationOutcome> {
  return runMigrations(createPopulationDataSourceOptions(url), {
    lockKey: MIGRATION_LOCK_KEY,
    revert: options.revert,
  });
}
