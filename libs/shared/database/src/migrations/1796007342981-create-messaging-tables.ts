import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox, inbox and dead-letter tables used by @terpadu/messaging in every service database. */
export class CreateMessagingTables1796007342981 implements MigrationInterface {
  name = 'CreateMessagingTables1796007342981';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        position bigint GENERATED ALWAYS AS IDENTITY,
        subject text NOT NULL,
        envelope jsonb NOT NULL,
        headers jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz NULL,
        attempts int NOT NULL DEFAULT 0,
        last_error text NULL
      )`);
    await q.query(`CREATE INDEX outbox_unsent_idx ON outbox (created_at, position) WHERE sent_at IS NULL`);
    await q.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await q.query(`
      CREATE TABLE dead_letters (
        id uuid PRIMARY KEY,
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        envelope jsonb NOT NULL,
        headers jsonb NOT NULL,
        error text NOT NULL,
        attempts int NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX dead_letters_open_uq ON dead_letters (consumer, event_id) WHERE replayed_at IS NULL`,
    );
    await q.query(`CREATE INDEX dead_letters_parked_at_idx ON dead_letters (parked_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dead_letters`);
    await q.query(`DROP TABLE inbox`);
    await q.query(`DROP TABLE outbox`);
  }
}
