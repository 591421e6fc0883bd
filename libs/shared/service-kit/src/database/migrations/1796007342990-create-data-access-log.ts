import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The record of every read and write of personal data (UU PDP 27/2022): who, what, whose, when.
 * The kit's own migration, run by every service right after the messaging tables. Before the kit,
 * population and health created this table in migrations of their own (removed since): on such a
 * database it only completes the table (the family card column, one name for the resident index).
 */
export class CreateDataAccessLog1796007342990 implements MigrationInterface {
  name = 'CreateDataAccessLog1796007342990';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS data_access_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_sub text NOT NULL,
        action varchar(40) NOT NULL,
        resident_ids uuid[] NOT NULL,
        family_card_id uuid NULL,
        request_id text NULL
      )`);
    await q.query(`ALTER TABLE data_access_log ADD COLUMN IF NOT EXISTS family_card_id uuid NULL`);
    await q.query(
      `ALTER INDEX IF EXISTS data_access_log_residents_idx RENAME TO data_access_log_resident_ids_idx`,
    );
    // "Who processed my data?" and breach notices ask by resident.
    await q.query(
      `CREATE INDEX IF NOT EXISTS data_access_log_resident_ids_idx ON data_access_log USING gin (resident_ids)`,
    );
    await q.query(`CREATE INDEX IF NOT EXISTS data_access_log_at_idx ON data_access_log (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE data_access_log`);
  }
}
