import type { MigrationInterface, QueryRunner } from 'typeorm';

const REGION_CODE = `'^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10})$'`;

/**
 * Life events: births, deaths and moves with their certificate and NIK serial counters; family cards
 * that need a new head or are closed; residents deactivated as duplicates; history entries for life
 * events. Enumerated values are listed as they were when this migration was written.
 */
export class CreateLifeEvents1796007900000 implements MigrationInterface {
  name = 'CreateLifeEvents1796007900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE residents
        ADD COLUMN deactivated_at timestamptz NULL,
        ADD COLUMN deactivation_reason varchar(500) NULL,
        ADD COLUMN duplicate_of_resident_id uuid NULL REFERENCES residents (id),
        ADD CONSTRAINT residents_deactivation_ck CHECK (
          (deactivated_at IS NULL) = (deactivation_reason IS NULL)
          AND (deactivated_at IS NULL) = (duplicate_of_resident_id IS NULL)
          AND duplicate_of_resident_id IS DISTINCT FROM id
        )`);
    // Probable duplicates: same normalized name and birth date.
    await q.query(
      `CREATE INDEX residents_name_birth_date_idx ON residents (full_name_normalized, birth_date)`,
    );

    await q.query(`ALTER TABLE resident_changes DROP CONSTRAINT resident_changes_kind_ck`);
    await q.query(`
      ALTER TABLE resident_changes ADD CONSTRAINT resident_changes_kind_ck CHECK (kind IN (
        'REGISTERED', 'CORRECTED', 'BORN', 'DIED', 'MOVED_OUT', 'MOVED_IN', 'RELOCATED', 'DEACTIVATED'
      ))`);

    await q.query(`
      ALTER TABLE family_cards
        ADD COLUMN needs_new_head boolean NOT NULL DEFAULT false,
        ADD COLUMN closed_at timestamptz NULL,
        ADD COLUMN close_reason varchar(500) NULL,
        ADD CONSTRAINT family_cards_closed_ck CHECK (
          (closed_at IS NULL) = (close_reason IS NULL) AND NOT (needs_new_head AND closed_at IS NOT NULL)
        )`);

    // The last serial issued for a NIK prefix (district + encoded birth date): one upsert per birth.
    await q.query(`
      CREATE TABLE nik_serials (
        prefix varchar(12) PRIMARY KEY CONSTRAINT nik_serials_prefix_ck CHECK (prefix ~ '^[0-9]{12}$'),
        last_serial int NOT NULL CONSTRAINT nik_serials_last_serial_ck CHECK (last_serial >= 1)
      )`);
    // The last certificate serial of a day: prefix `<district>-LU-<DDMMYYYY>` (birth) or `-KM-` (death).
    await q.query(`
      CREATE TABLE certificate_serials (
        prefix varchar(24) PRIMARY KEY CONSTRAINT certificate_serials_prefix_ck
          CHECK (prefix ~ '^[0-9]{6}-(LU|KM)-[0-9]{8}$'),
        last_serial int NOT NULL CONSTRAINT certificate_serials_last_serial_ck CHECK (last_serial >= 1)
      )`);

    await q.query(`
      CREATE TABLE births (
        id uuid PRIMARY KEY,
        certificate_number varchar(32) NOT NULL CONSTRAINT births_certificate_number_uq UNIQUE,
        child_resident_id uuid NOT NULL CONSTRAINT births_child_uq UNIQUE REFERENCES residents (id),
        mother_resident_id uuid NOT NULL REFERENCES residents (id),
        father_resident_id uuid NULL REFERENCES residents (id),
        family_card_id uuid NOT NULL REFERENCES family_cards (id),
        district_code varchar(6) NOT NULL CONSTRAINT births_district_code_ck CHECK (district_code ~ '^[0-9]{6}$'),
        birth_date date NOT NULL,
        birth_time varchar(5) NOT NULL CONSTRAINT births_birth_time_ck CHECK (birth_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        birth_place varchar(100) NOT NULL,
        weight_grams int NOT NULL CONSTRAINT births_weight_ck CHECK (weight_grams BETWEEN 300 AND 7000),
        length_cm numeric(3, 1) NOT NULL CONSTRAINT births_length_ck CHECK (length_cm BETWEEN 20 AND 65),
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL,
        CONSTRAINT births_parents_ck CHECK (mother_resident_id <> child_resident_id
          AND father_resident_id IS DISTINCT FROM child_resident_id
          AND father_resident_id IS DISTINCT FROM mother_resident_id)
      )`);
    // Probable duplicates: same mother and birth date.
    await q.query(`CREATE INDEX births_mother_birth_date_idx ON births (mother_resident_id, birth_date)`);

    await q.query(`
      CREATE TABLE deaths (
        id uuid PRIMARY KEY,
        certificate_number varchar(32) NOT NULL CONSTRAINT deaths_certificate_number_uq UNIQUE,
        -- A person dies once: this constraint decides between two registrations racing.
        resident_id uuid NOT NULL CONSTRAINT deaths_resident_uq UNIQUE REFERENCES residents (id),
        date_of_death date NOT NULL,
        place_of_death varchar(100) NOT NULL,
        cause_category varchar(20) NOT NULL CONSTRAINT deaths_cause_category_ck CHECK (cause_category IN (
          'SAKIT_BIASA', 'WABAH_PENYAKIT', 'KECELAKAAN', 'KRIMINALITAS', 'BUNUH_DIRI', 'LAINNYA'
        )),
        reporter_name varchar(150) NULL,
        reporter_nik varchar(16) NULL CONSTRAINT deaths_reporter_nik_ck CHECK (reporter_nik ~ '^[0-9]{16}$'),
        reporter_relationship varchar(20) NOT NULL CONSTRAINT deaths_reporter_relationship_ck CHECK (
          reporter_relationship IN ('PASANGAN', 'ANAK', 'ORANG_TUA', 'SAUDARA', 'FAMILI_LAIN', 'TETANGGA', 'PETUGAS', 'LAINNYA')
        ),
        family_card_id uuid NULL REFERENCES family_cards (id),
        was_head boolean NOT NULL,
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL,
        CONSTRAINT deaths_reporter_ck CHECK (reporter_name IS NOT NULL OR reporter_nik IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE moves (
        id uuid PRIMARY KEY,
        direction varchar(3) NOT NULL CONSTRAINT moves_direction_ck CHECK (direction IN ('OUT', 'IN')),
        region_code varchar(10) NULL CONSTRAINT moves_region_code_ck CHECK (region_code ~ ${REGION_CODE}),
        moved_on date NOT NULL,
        reason varchar(500) NULL,
        -- OUT: the card of a whole family that moved (closed); IN: the card joined or issued.
        family_card_id uuid NULL REFERENCES family_cards (id),
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL,
        CONSTRAINT moves_out_ck CHECK (direction = 'IN' OR (region_code IS NOT NULL AND reason IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE move_members (
        move_id uuid NOT NULL REFERENCES moves (id),
        resident_id uuid NOT NULL REFERENCES residents (id),
        family_card_id uuid NULL REFERENCES family_cards (id),
        relationship varchar(20) NULL,
        returned boolean NOT NULL DEFAULT false,
        PRIMARY KEY (move_id, resident_id)
      )`);
    await q.query(`CREATE INDEX move_members_resident_idx ON move_members (resident_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE move_members`);
    await q.query(`DROP TABLE moves`);
    await q.query(`DROP TABLE deaths`);
    await q.query(`DROP TABLE births`);
    await q.query(`DROP TABLE certificate_serials`);
    await q.query(`DROP TABLE nik_serials`);
    await q.query(`
      ALTER TABLE family_cards DROP CONSTRAINT family_cards_closed_ck,
        DROP COLUMN close_reason, DROP COLUMN closed_at, DROP COLUMN needs_new_head`);
    // Life-event entries have no place in the older history; they go with the events themselves.
    await q.query(`DELETE FROM resident_changes WHERE kind NOT IN ('REGISTERED', 'CORRECTED')`);
    await q.query(`ALTER TABLE resident_changes DROP CONSTRAINT resident_changes_kind_ck`);
    await q.query(
      `ALTER TABLE resident_changes ADD CONSTRAINT resident_changes_kind_ck CHECK (kind IN ('REGISTERED', 'CORRECTED'))`,
    );
    await q.query(`DROP INDEX residents_name_birth_date_idx`);
    await q.query(`
      ALTER TABLE residents DROP CONSTRAINT residents_deactivation_ck,
        DROP COLUMN duplicate_of_resident_id, DROP COLUMN deactivation_reason, DROP COLUMN deactivated_at`);
  }
}
