import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Population events about persons the projection does not know yet (their registration is still
 * on its way: a crashed consumer's unacknowledged event comes back only after the ack wait). Each
 * waits here, not as a dead letter, and is applied in the transaction that projects the person.
 */
export class CreatePersonPendingEvents1796010000008 implements MigrationInterface {
  name = 'CreatePersonPendingEvents1796010000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person_pending_events (
        event_id uuid PRIMARY KEY,
        event_type text NOT NULL,
        event_time timestamptz NOT NULL,
        envelope jsonb NOT NULL,
        awaiting_resident_ids uuid[] NOT NULL DEFAULT '{}',
        awaiting_niks varchar(16)[] NOT NULL DEFAULT '{}',
        deferred_at timestamptz NOT NULL,
        CONSTRAINT person_pending_events_awaits_ck
          CHECK (cardinality(awaiting_resident_ids) + cardinality(awaiting_niks) > 0)
      )`);
    await q.query(
      `CREATE INDEX person_pending_events_residents_idx ON person_pending_events USING gin (awaiting_resident_ids)`,
    );
    await q.query(
      `CREATE INDEX person_pending_events_niks_idx ON person_pending_events USING gin (awaiting_niks)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_pending_events`);
  }
}
