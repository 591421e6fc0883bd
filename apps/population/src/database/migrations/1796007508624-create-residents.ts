import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Residents and their change history. Enumerated values are listed here as they were when this
 * migration was written (a migration is a snapshot; a new value is a new migration).
 */
export class CreateResidents1796007508624 implements MigrationInterface {
  name = 'CreateResidents1796007508624';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE residents (
        id uuid PRIMARY KEY,
        nik varchar(16) NOT NULL CONSTRAINT residents_nik_format_ck CHECK (nik ~ '^[0-9]{16}$'),
        full_name varchar(150) NOT NULL,
        full_name_normalized text NOT NULL,
        birth_place varchar(100) NOT NULL,
        birth_date date NOT NULL,
        sex varchar(10) NOT NULL CONSTRAINT residents_sex_ck CHECK (sex IN ('LAKI_LAKI', 'PEREMPUAN')),
        religion varchar(20) NOT NULL CONSTRAINT residents_religion_ck
          CHECK (religion IN ('ISLAM', 'KRISTEN', 'KATOLIK', 'HINDU', 'BUDDHA', 'KONGHUCU', 'KEPERCAYAAN')),
        marital_status varchar(20) NOT NULL CONSTRAINT residents_marital_status_ck
          CHECK (marital_status IN ('BELUM_KAWIN', 'KAWIN', 'CERAI_HIDUP', 'CERAI_MATI')),
        occupation varchar(100) NOT NULL,
        education_level varchar(20) NOT NULL CONSTRAINT residents_education_level_ck
          CHECK (education_level IN ('TIDAK_SEKOLAH', 'BELUM_TAMAT_SD', 'SD', 'SMP', 'SMA', 'D1_D2', 'D3', 'D4_S1', 'S2', 'S3')),
        village_code varchar(10) NOT NULL CONSTRAINT residents_village_code_ck CHECK (village_code ~ '^[0-9]{10}$'),
        rt varchar(3) NOT NULL,
        rw varchar(3) NOT NULL,
        hamlet varchar(100) NULL,
        street varchar(200) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'HIDUP' CONSTRAINT residents_status_ck
          CHECK (status IN ('HIDUP', 'MATI', 'PINDAH', 'HILANG')),
        review_flags text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT residents_nik_uq UNIQUE (nik)
      )`);
    // Jurisdiction filters are prefix matches on the village code (LIKE '3174%').
    await q.query(`CREATE INDEX residents_village_code_idx ON residents (village_code varchar_pattern_ops)`);
    // Keyset pagination of search results.
    await q.query(`CREATE INDEX residents_created_at_id_idx ON residents (created_at, id)`);
    // Name search: contains, case and spacing ignored.
    await q.query(
      `CREATE INDEX residents_name_trgm_idx ON residents USING gin (full_name_normalized gin_trgm_ops)`,
    );

    await q.query(`
      CREATE TABLE resident_changes (
        id uuid PRIMARY KEY,
        position bigint GENERATED ALWAYS AS IDENTITY,
        resident_id uuid NOT NULL REFERENCES residents (id),
        kind varchar(12) NOT NULL CONSTRAINT resident_changes_kind_ck CHECK (kind IN ('REGISTERED', 'CORRECTED')),
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL,
        reason text NULL,
        changes jsonb NOT NULL,
        CONSTRAINT resident_changes_reason_ck CHECK (kind = 'REGISTERED' OR reason IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX resident_changes_resident_idx ON resident_changes (resident_id, changed_at, position)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE resident_changes`);
    await q.query(`DROP TABLE residents`);
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
