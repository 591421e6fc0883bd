import { startPostgres, type TestPostgres } from '@terpadu/testing';
import { DataSource } from 'typeorm';
import { migrateService, serviceDataSourceOptions } from '@terpadu/service-kit';
import { HEALTH_SERVICE } from '../src/database/data-source';

/** Every migration the service runs: the kit's, then its own. */
const ALL_MIGRATIONS = serviceDataSourceOptions(HEALTH_SERVICE, 'postgres://unused/db').migrations as {
  name: string;
}[];

describe('health migrations', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(() => postgres?.stop());

  const tables = async (url: string) => {
    const db = new DataSource(serviceDataSourceOptions(HEALTH_SERVICE, url));
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
    await expect(migrateService(HEALTH_SERVICE, url)).resolves.toMatchObject({ direction: 'up' });
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
    for (let i = 0; i < ALL_MIGRATIONS.length; i++)
      await migrateService(HEALTH_SERVICE, url, { revert: true });
    expect(await tables(url)).toEqual([]);
    const again = await migrateService(HEALTH_SERVICE, url);
    expect(again.migrations).toHaveLength(ALL_MIGRATIONS.length);
  });
});
