import { DataSource, type DataSourceOptions } from 'typeorm';

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
 * Applies every pending migration of a service's database (each in its own transaction), or with
 * `revert` undoes the last applied one. Two runs at once (say, two replicas' migration jobs) wait
 * for each other on a session advisory lock; `lockKey` is the service's own constant.
 */
export async function runMigrations(
  options: DataSourceOptions,
  { lockKey, revert = false }: { lockKey: number; revert?: boolean },
): Promise<MigrationOutcome> {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [lockKey]);
    if (revert) {
      const last = await lastExecuted(dataSource);
      await dataSource.undoLastMigration({ transaction: 'each' });
      return { direction: 'down', migrations: last ? [last] : [] };
    }
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { direction: 'up', migrations: applied.map((m) => m.name) };
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [lockKey]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
