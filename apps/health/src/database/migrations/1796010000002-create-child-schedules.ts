import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Children's schedules (one per child: a redelivered birth event cannot create a second), their
 * planned doses with the dates computed from the birth date, the doses given, and the claims of
 * the overdue scan (one row per dose, written with its event: a dose is announced once).
 */
export class CreateChildSchedules1796010000002 implements MigrationInterface {
  name = 'CreateChildSchedules1796010000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE child_schedules (
        id uuid PRIMARY KEY,
        resident_id uuid NOT NULL REFERENCES persons (resident_id),
        version varchar(40) NOT NULL REFERENCES immunization_schedule_versions (version),
        origin varchar(10) NOT NULL CONSTRAINT child_schedules_origin_ck CHECK (origin IN ('BIRTH', 'REGISTERED', 'MOVED_IN')),
        status varchar(12) NOT NULL CONSTRAINT child_schedules_status_ck CHECK (status IN ('OPEN', 'CLOSED', 'TRANSFERRED')),
        status_changed_on date NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT child_schedules_resident_uq UNIQUE (resident_id),
        CONSTRAINT child_schedules_changed_ck CHECK ((status = 'OPEN') = (status_changed_on IS NULL))
      )`);
    await q.query(`
      CREATE TABLE scheduled_doses (
        schedule_id uuid NOT NULL REFERENCES child_schedules (id) ON DELETE CASCADE,
        vaccine varchar(20) NOT NULL,
        dose smallint NOT NULL,
        earliest_on date NOT NULL,
        due_on date NOT NULL,
        overdue_from date NOT NULL,
        latest_on date NULL,
        PRIMARY KEY (schedule_id, vaccine, dose)
      )`);
    // The overdue scan walks doses by the day they become overdue.
    await q.query(`CREATE INDEX scheduled_doses_overdue_idx ON scheduled_doses (overdue_from)`);
    await q.query(`
      CREATE TABLE immunizations (
        id uuid PRIMARY KEY,
        resident_id uuid NOT NULL REFERENCES persons (resident_id),
        vaccine varchar(20) NOT NULL,
        dose smallint NOT NULL,
        given_on date NOT NULL,
        facility varchar(150) NOT NULL,
        batch varchar(50) NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT immunizations_dose_uq UNIQUE (resident_id, vaccine, dose)
      )`);
    await q.query(`
      CREATE TABLE overdue_notices (
        resident_id uuid NOT NULL REFERENCES persons (resident_id),
        vaccine varchar(20) NOT NULL,
        dose smallint NOT NULL,
        overdue_from date NOT NULL,
        notice_id uuid NOT NULL,
        noticed_at timestamptz NOT NULL,
        PRIMARY KEY (resident_id, vaccine, dose)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE overdue_notices`);
    await q.query(`DROP TABLE immunizations`);
    await q.query(`DROP TABLE scheduled_doses`);
    await q.query(`DROP TABLE child_schedules`);
  }
}
