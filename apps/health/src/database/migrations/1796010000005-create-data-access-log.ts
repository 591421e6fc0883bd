import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The processing record of health data (UU PDP 27/2022): who read or wrote whose data, when, how. */
export class CreateDataAccessLog1796010000005 implements MigrationInterface {
  name = 'CreateDataAccessLog1796010000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE data_access_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_sub text NOT NULL,
        action varchar(40) NOT NULL,
        resident_ids uuid[] NOT NULL,
        request_id text NULL
      )`);
    await q.query(`CREATE INDEX data_access_log_residents_idx ON data_access_log USING gin (resident_ids)`);
    await q.query(`CREATE INDEX data_access_log_at_idx ON data_access_log (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE data_access_log`);
  }
}
