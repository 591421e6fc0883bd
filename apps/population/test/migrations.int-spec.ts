import { migrateService, serviceDataSourceOptions } from '@terpadu/service-kit';
import { startPostgres, type TestPostgres } from '@terpadu/testing';
import { Client } from 'pg';
import { POPULATION_SERVICE } from '../src/database/data-source';

/** Every migration the service runs: the kit's, then its own. */
const ALL_MIGRATIONS = serviceDataSourceOptions(POPULATION_SERVICE, 'postgres://unused/db').migrations as {
  name: string;
}[];

const OWN_TABLES = [
  'births',
  'certificate_serials',
  'data_access_log',
  'deaths',
  'duplicate_reviews',
  'move_members',
  'moves',
  'nik_serials',
  'districts',
  'family_card_members',
  'family_card_serials',
  'family_cards',
  'letter_counters',
  'letter_type_rules',
  'letters',
  'import_jobs',
  'import_rows',
  'provinces',
  'regencies',
  'resident_changes',
  'residents',
  'villages',
];
const MESSAGING_TABLES = ['dead_letters', 'inbox', 'outbox'];

describe(migrateService.name, () => {
  let postgres: TestPostgres;
  let url: string;

  beforeAll(async () => {
    postgres = await startPostgres();
    url = await postgres.createDatabase('population_migrations');
  });

  afterAll(async () => {
    await postgres?.stop();
  });

  async function inspect(): Promise<{ tables: string[]; trgm: boolean; indexes: string[] }> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY table_name`,
      );
      const trgm = await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`);
      const indexes = await client.query<{ indexname: string }>(
        `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY indexname`,
      );
      return {
        tables: tables.rows.map((r) => r.table_name),
        trgm: trgm.rowCount === 1,
        indexes: indexes.rows.map((r) => r.indexname),
      };
    } finally {
      await client.end();
    }
  }

  it('applies every migration, reverts them all one by one, and applies them again', async () => {
    const up = await migrateService(POPULATION_SERVICE, url);
    expect(up.migrations).toEqual(ALL_MIGRATIONS.map((m) => m.name));
    const applied = await inspect();
    expect(applied.tables).toEqual([...MESSAGING_TABLES, ...OWN_TABLES].sort());
    expect(applied.trgm).toBe(true);
    expect(applied.indexes).toEqual(
      expect.arrayContaining([
        'residents_nik_uq',
        'residents_name_trgm_idx',
        'family_card_members_one_active_card_uq',
        'family_card_members_one_head_uq',
        'family_cards_number_uq',
      ]),
    );
    await expect(migrateService(POPULATION_SERVICE, url)).resolves.toEqual({
      direction: 'up',
      migrations: [],
    });

    const reverted: string[] = [];
    for (let i = 0; i < ALL_MIGRATIONS.length; i++) {
      const down = await migrateService(POPULATION_SERVICE, url, { revert: true });
      reverted.push(...down.migrations);
    }
    expect(reverted).toEqual(ALL_MIGRATIONS.map((m) => m.name).reverse());
    await expect(inspect()).resolves.toEqual({ tables: [], trgm: false, indexes: [] });

    await migrateService(POPULATION_SERVICE, url);
    await expect(inspect()).resolves.toEqual(applied);
  });

  it('lets two migration runs at once apply each migration once', async () => {
    const fresh = await postgres.createDatabase('population_migrations_race');
    const [a, b] = await Promise.all([
      migrateService(POPULATION_SERVICE, fresh),
      migrateService(POPULATION_SERVICE, fresh),
    ]);
    expect([...a.migrations, ...b.migrations].sort()).toEqual(ALL_MIGRATIONS.map((m) => m.name).sort());
  });
});
