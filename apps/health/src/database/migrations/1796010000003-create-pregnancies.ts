import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Pregnancies (at most one active per mother), their antenatal care visits and the delivery. */
export class CreatePregnancies1796010000003 implements MigrationInterface {
  name = 'CreatePregnancies1796010000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pregnancies (
        id uuid PRIMARY KEY,
        mother_id uuid NOT NULL REFERENCES persons (resident_id),
        expected_delivery_date date NOT NULL,
        status varchar(10) NOT NULL CONSTRAINT pregnancies_status_ck CHECK (status IN ('ACTIVE', 'DELIVERED', 'CLOSED')),
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL,
        delivered_on date NULL,
        delivery_facility varchar(150) NULL,
        delivery_outcome varchar(12) NULL CONSTRAINT pregnancies_outcome_ck
          CHECK (delivery_outcome IN ('LIVE_BIRTH', 'STILLBIRTH', 'MISCARRIAGE')),
        closed_on date NULL,
        CONSTRAINT pregnancies_delivery_ck CHECK ((status = 'DELIVERED') = (delivered_on IS NOT NULL)),
        CONSTRAINT pregnancies_closed_ck CHECK ((status = 'CLOSED') = (closed_on IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX pregnancies_active_uq ON pregnancies (mother_id) WHERE status = 'ACTIVE'`,
    );
    await q.query(`CREATE INDEX pregnancies_mother_idx ON pregnancies (mother_id, registered_at)`);
    await q.query(`
      CREATE TABLE anc_visits (
        id uuid PRIMARY KEY,
        pregnancy_id uuid NOT NULL REFERENCES pregnancies (id),
        visited_on date NOT NULL,
        facility varchar(150) NOT NULL,
        gestational_weeks smallint NULL CHECK (gestational_weeks BETWEEN 1 AND 45),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX anc_visits_pregnancy_idx ON anc_visits (pregnancy_id, visited_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE anc_visits`);
    await q.query(`DROP TABLE pregnancies`);
  }
}
