import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The record of every read and write of personal data (UU PDP 27/2022): who, what, whose, when. */
export class CreateDataAccessLog1796007508626 implements MigrationInterface {
  name = 'CreateDataAccessLog1796007508626';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE data_access_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_sub text NOT NULL,
        action varchar(40) NOT NULL,
        resident_ids uuid[] NOT NULL,
        family_card_id uuid NULL,
        request_id text NULL
      )`);
    // "Who processed my data?" and breach notices ask by resident.
    await q.query(
      `CREATE INDEX data_access_log_resident_ids_idx ON data_access_log USING gin (resident_ids)`,
    );
    await q.query(`CREATE INDEX data_access_log_at_idx ON data_access_log (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE data_access_log`);
  }
}
