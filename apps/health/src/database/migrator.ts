import { DataSource } from 'typeorm';
import { createHealthDataSourceOptions } from './data-source';

/** A constant of our own: the session advisory lock that keeps two migration runs from interleaving. */
const MIGRATION_LOCK_KEY = 7_436_002;

export interface MigrationOutcome {
  direction: 'up' | 'down';
  /** Names of the migrations applied (up) or reverted (down). */
  migrations: string[];
}

async function lastExecuted(dataSource: DataSource): Promise<string | undefined> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const exists = await dataSource.query<{ found: string | null }[]>(`SELECT to_regclass($1) AS found`, [
    table,
  ]);
  if (!exists[0]?.found) return undefined;
  const rows = await dataSource.query<{ name: string }[]>(
    `SELECT name FROM ${dataSource.driver.escape(table)} ORDER BY "timestamp" DESC, id DESC LIMIT 1`,
  );
  return rows[0]?.name;
}

/**
 * Applies every pending migration (each in its own transaction), or with `revert` undoes the last
 * applied one. Two runs at once (say, two replicas' migration jobs) wait for each other.
 */
export async function migrate(url: string, options: { revert?: boolean } = {}): Promise<MigrationOutcome> {
  const dataSource = new DataSource(createHealthDataSourceOptions(url));
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    if (options.revert) {
      const last = await lastExecuted(dataSource);
      await dataSource.undoLastMigration({ transaction: 'each' });
      return { direction: 'down', migrations: last ? [last] : [] };
    }
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { direction: 'up', migrations: applied.map((m) => m.name) };
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
