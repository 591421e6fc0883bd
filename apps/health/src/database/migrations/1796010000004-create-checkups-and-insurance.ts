import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Routine checkups and JKN memberships (one current membership per person; a card number is one person's). */
export class CreateCheckupsAndInsurance1796010000004 implements MigrationInterface {
  name = 'CreateCheckupsAndInsurance1796010000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE checkups (
        id uuid PRIMARY KEY,
        resident_id uuid NOT NULL REFERENCES persons (resident_id),
        checked_on date NOT NULL,
        facility varchar(150) NOT NULL,
        kind varchar(20) NOT NULL CONSTRAINT checkups_kind_ck
          CHECK (kind IN ('GENERAL', 'GROWTH_MONITORING', 'POSTNATAL', 'ELDERLY', 'DENTAL', 'OTHER')),
        icd10_code varchar(8) NULL CONSTRAINT checkups_icd10_ck CHECK (icd10_code ~ '^[A-Z][0-9]{2}(\\.[0-9A-Z]{1,2})?$'),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX checkups_resident_idx ON checkups (resident_id, checked_on)`);
    await q.query(`
      CREATE TABLE insurance_memberships (
        resident_id uuid PRIMARY KEY REFERENCES persons (resident_id),
        number varchar(13) NOT NULL CONSTRAINT insurance_memberships_number_ck CHECK (number ~ '^[0-9]{13}$'),
        class smallint NOT NULL CHECK (class IN (1, 2, 3)),
        pbi boolean NOT NULL,
        active_from date NOT NULL,
        active_until date NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT insurance_memberships_number_uq UNIQUE (number),
        CONSTRAINT insurance_memberships_period_ck CHECK (active_until IS NULL OR active_until >= active_from)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE insurance_memberships`);
    await q.query(`DROP TABLE checkups`);
  }
}
