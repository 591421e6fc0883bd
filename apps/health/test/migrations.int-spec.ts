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
      'person_pending_events',
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

describe('AdoptPersonProjectionConsumer1796010000007', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(() => postgres?.stop());

  it("hands the per-handler consumers' inbox and dead letters to person-projection, and back on revert", async () => {
    const url = await postgres.createDatabase('health_adopt_consumer');
    await migrateService(HEALTH_SERVICE, url);
    // Back to the database as it was before this migration (later ones are undone first).
    let undone: string[] = [];
    while (!undone.includes('AdoptPersonProjectionConsumer1796010000007'))
      undone = (await migrateService(HEALTH_SERVICE, url, { revert: true })).migrations;
    const db = new DataSource(serviceDataSourceOptions(HEALTH_SERVICE, url));
    await db.initialize();
    try {
      const registered = '0b8f7f0e-3f7e-4c55-9d0e-111111111111';
      const card = '0b8f7f0e-3f7e-4c55-9d0e-222222222222';
      await db.query(`INSERT INTO inbox (consumer, event_id) VALUES ($1, $2), ($3, $4), ('other__x', $2)`, [
        'health__PopulationEventsHandler-onResidentRegistered',
        registered,
        'health__PopulationEventsHandler-onFamilyCardChanged',
        card,
      ]);
      await db.query(
        `INSERT INTO dead_letters (id, consumer, event_id, event_type, envelope, headers, error, attempts)
         VALUES (gen_random_uuid(), $1, $2, 'evt.population.family-card.changed.v1', '{}', '{}', 'parked', 5)`,
        ['health__PopulationEventsHandler-onFamilyCardChanged', card],
      );
      await migrateService(HEALTH_SERVICE, url);
      const inbox = await db.query<{ event_id: string }[]>(
        `SELECT event_id FROM inbox WHERE consumer = 'health__person-projection' ORDER BY event_id`,
      );
      expect(inbox.map((r) => r.event_id)).toEqual([registered, card]);
      await expect(db.query(`SELECT consumer FROM dead_letters`)).resolves.toEqual([
        { consumer: 'health__person-projection' },
      ]);
      undone = [];
      while (!undone.includes('AdoptPersonProjectionConsumer1796010000007'))
        undone = (await migrateService(HEALTH_SERVICE, url, { revert: true })).migrations;
      await expect(
        db.query(`SELECT count(*)::int AS n FROM inbox WHERE consumer = 'health__person-projection'`),
      ).resolves.toEqual([{ n: 0 }]);
      await expect(db.query(`SELECT consumer FROM dead_letters`)).resolves.toEqual([
        { consumer: 'health__PopulationEventsHandler-onFamilyCardChanged' },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
