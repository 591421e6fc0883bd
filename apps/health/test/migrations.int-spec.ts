import { startPostgres, type TestPostgres } from '@terpadu/testing';
import { DataSource } from 'typeorm';
import { createHealthDataSourceOptions, HEALTH_MIGRATIONS } from '../src/database/data-source';
import { migrate } from '../src/database/migrator';

describe('health migrations', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(() => postgres?.stop());

  const tables = async (url: string) => {
    const db = new DataSource(createHealthDataSourceOptions(url));
    await db.initialize();
    try {
      const rows = await db.query<{ tablename: string }[]>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY tablename`,
      );
      return rows.map((r) => r.tablename);
    } finally {
      await db.destroy();
    }
  };

  it('applies every migration, reverts each one with its down(), and applies them again', async () => {
    const url = await postgres.createDatabase('health_migrations');
    await expect(migrate(url)).resolves.toMatchObject({ direction: 'up' });
    expect(await tables(url)).toEqual([
      'anc_visits',
      'checkups',
      'child_schedules',
      'data_access_log',
      'dead_letters',
      'immunization_schedule_doses',
      'immunization_schedule_versions',
      'immunizations',
      'inbox',
      'insurance_memberships',
      'outbox',
      'overdue_notices',
      'persons',
      'pregnancies',
      'scheduled_doses',
    ]);
    for (let i = 0; i < HEALTH_MIGRATIONS.length; i++) await migrate(url, { revert: true });
    expect(await tables(url)).toEqual([]);
    const again = await migrate(url);
    expect(again.migrations).toHaveLength(HEALTH_MIGRATIONS.length);
  });
});
