import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The persons a service needs, projected from population events only (never read from population's
 * database), so the service keeps working while population is down. Each group of fields remembers the
 * time of the event that last set it, so a late (retried) older event cannot overwrite a newer fact.
 */
export class CreatePersons1796010000000 implements MigrationInterface {
  name = 'CreatePersons1796010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE persons (
        resident_id uuid PRIMARY KEY,
        nik varchar(16) NOT NULL CONSTRAINT persons_nik_format_ck CHECK (nik ~ '^[0-9]{16}$'),
        full_name varchar(150) NOT NULL,
        sex varchar(10) NOT NULL CONSTRAINT persons_sex_ck CHECK (sex IN ('LAKI_LAKI', 'PEREMPUAN')),
        birth_date date NOT NULL,
        village_code varchar(10) NOT NULL CONSTRAINT persons_village_code_ck CHECK (village_code ~ '^[0-9]{10}$'),
        family_card_number varchar(16) NULL,
        status varchar(10) NOT NULL CONSTRAINT persons_status_ck CHECK (status IN ('HIDUP', 'MATI', 'PINDAH', 'HILANG')),
        died_on date NULL,
        moved_out_on date NULL,
        details_as_of timestamptz NOT NULL,
        status_as_of timestamptz NOT NULL,
        family_card_as_of timestamptz NOT NULL,
        CONSTRAINT persons_nik_uq UNIQUE (nik)
      )`);
    await q.query(`CREATE INDEX persons_family_card_idx ON persons (family_card_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE persons`);
  }
}
