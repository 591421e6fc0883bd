import { randomUUID } from 'node:crypto';
import { startPostgres, type TestPostgres } from '@terpadu/testing';
import { DataSource } from 'typeorm';
import { createDataSourceOptions, MESSAGING_MIGRATIONS } from '../src';

describe('messaging tables migration', () => {
  let pg: TestPostgres;
  let dataSource: DataSource;

  beforeAll(async () => {
    pg = await startPostgres();
    const url = await pg.createDatabase('database_int');
    dataSource = new DataSource(
      createDataSourceOptions({ url, entities: [], migrations: MESSAGING_MIGRATIONS }),
    );
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await pg?.stop();
  });

  it('creates the columns the messaging lib reads and writes, and drops the tables again', async () => {
    await dataSource.runMigrations();
    const columns = await dataSource.query<{ table_name: string; columns: string }[]>(
      `SELECT table_name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) AS columns
         FROM information_schema.columns WHERE table_name IN ('outbox', 'inbox', 'dead_letters')
        GROUP BY table_name ORDER BY table_name`,
    );
    expect(columns).toEqual([
      {
        table_name: 'dead_letters',
        columns:
          'id uuid, consumer text, event_id uuid, event_type text, envelope jsonb, headers jsonb, error text, ' +
          'attempts integer, parked_at timestamp with time zone, replayed_at timestamp with time zone',
      },
      {
        table_name: 'inbox',
        columns: 'consumer text, event_id uuid, handled_at timestamp with time zone',
      },
      {
        table_name: 'outbox',
        columns:
          'id uuid, position bigint, subject text, envelope jsonb, headers jsonb, created_at timestamp with time zone, ' +
          'sent_at timestamp with time zone, attempts integer, last_error text',
      },
    ]);

    for (let i = 0; i < MESSAGING_MIGRATIONS.length; i++) await dataSource.undoLastMigration();
    const tables = await dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_name IN ('outbox', 'inbox', 'dead_letters')`,
    );
    expect(tables).toEqual([]);
    await dataSource.runMigrations();
  });

  it('keeps one open dead letter per consumer and event, but allows parking again after a replay', async () => {
    const eventId = randomUUID();
    const park = (id: string) =>
      dataSource.query(
        `INSERT INTO dead_letters (id, consumer, event_id, event_type, envelope, headers, error, attempts)
         VALUES ($1, 'svc__handler', $2, 'evt.x.y.v1', '{}', '{}', 'boom', 5)`,
        [id, eventId],
      );
    const first = randomUUID();
    await park(first);
    await expect(park(randomUUID())).rejects.toThrow(/dead_letters_open_uq/);
    await dataSource.query(`UPDATE dead_letters SET replayed_at = now() WHERE id = $1`, [first]);
    await expect(park(randomUUID())).resolves.toBeDefined();
  });

  it('orders unsent outbox rows of one transaction by insertion position', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await dataSource.transaction(async (m) => {
      for (const id of ids) {
        await m.query(
          `INSERT INTO outbox (id, subject, envelope, headers) VALUES ($1, 'evt.x.y.v1', '{}', '{}')`,
          [id],
        );
      }
    });
    const rows = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM outbox WHERE sent_at IS NULL ORDER BY created_at, position`,
    );
    expect(rows.map((r) => r.id)).toEqual(ids);
  });
});
