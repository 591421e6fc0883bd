import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Letters (surat keterangan), the per-village/type/year counters that number them, and the rules
 * of each letter type as versioned data: title, number parts and validity. A rule change (a new
 * validity, another classification code) is a new row with a later `effective_from`, never an edit.
 */
export class CreateLetters1796007800000 implements MigrationInterface {
  name = 'CreateLetters1796007800000';

  async up(q: QueryRunner): Promise<void> {
    const types = `'SKTM', 'DOMICILE', 'BUSINESS_DOMICILE', 'COVER_LETTER', 'BIRTH_CERTIFICATE', 'DEATH_CERTIFICATE'`;
    await q.query(`
      CREATE TABLE letter_type_rules (
        type varchar(30) NOT NULL CONSTRAINT letter_type_rules_type_ck CHECK (type IN (${types})),
        effective_from date NOT NULL,
        title text NOT NULL,
        number_code varchar(10) NOT NULL CONSTRAINT letter_type_rules_number_code_ck CHECK (number_code ~ '^[A-Z]+$'),
        classification_code varchar(20) NOT NULL CONSTRAINT letter_type_rules_classification_ck CHECK (classification_code ~ '^[0-9.]+$'),
        validity_months int NULL CONSTRAINT letter_type_rules_validity_ck CHECK (validity_months > 0),
        source text NOT NULL,
        PRIMARY KEY (type, effective_from)
      )`);
    // Validity figures change by regulation and local practice [verify]: domain.md gives "about one
    // year" for an SKTM; the others follow common village practice. Classification codes follow the
    // Kemendagri archive classification (470 population, 474.1 births, 474.3 deaths, 503 business
    // permits) [verify]. Birth and death certificates do not expire.
    await q.query(`
      INSERT INTO letter_type_rules (type, effective_from, title, number_code, classification_code, validity_months, source) VALUES
        ('SKTM', '2000-01-01', 'SURAT KETERANGAN TIDAK MAMPU', 'SKTM', '470', 12, 'domain.md: valid about one year [verify]'),
        ('DOMICILE', '2000-01-01', 'SURAT KETERANGAN DOMISILI', 'SKD', '470', 6, 'common village practice [verify]'),
        ('BUSINESS_DOMICILE', '2000-01-01', 'SURAT KETERANGAN DOMISILI USAHA', 'SKDU', '503', 12, 'common village practice [verify]'),
        ('COVER_LETTER', '2000-01-01', 'SURAT PENGANTAR', 'SP', '470', 1, 'common village practice [verify]'),
        ('BIRTH_CERTIFICATE', '2000-01-01', 'SURAT KETERANGAN KELAHIRAN', 'SKL', '474.1', NULL, 'does not expire'),
        ('DEATH_CERTIFICATE', '2000-01-01', 'SURAT KETERANGAN KEMATIAN', 'SKK', '474.3', NULL, 'does not expire')`);

    await q.query(`
      CREATE TABLE letters (
        id uuid PRIMARY KEY,
        type varchar(30) NOT NULL CONSTRAINT letters_type_ck CHECK (type IN (${types})),
        status varchar(10) NOT NULL CONSTRAINT letters_status_ck CHECK (status IN ('DRAFT', 'SIGNED', 'REVOKED')),
        resident_id uuid NOT NULL REFERENCES residents (id),
        village_code varchar(10) NOT NULL CONSTRAINT letters_village_code_ck CHECK (village_code ~ '^[0-9]{10}$'),
        purpose varchar(500) NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        valid_from date NULL,
        valid_until date NULL,
        drafted_by text NOT NULL,
        number varchar(80) NULL,
        number_year int NULL,
        sequence int NULL,
        verification_code varchar(32) NULL,
        issued_on date NULL,
        signed_at timestamptz NULL,
        signed_by text NULL,
        signer_name varchar(150) NULL,
        printed jsonb NULL,
        revoked_at timestamptz NULL,
        revoked_by text NULL,
        revocation_reason varchar(500) NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT letters_number_uq UNIQUE (number),
        CONSTRAINT letters_verification_code_uq UNIQUE (verification_code),
        CONSTRAINT letters_sequence_uq UNIQUE (village_code, type, number_year, sequence),
        CONSTRAINT letters_validity_ck CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from),
        CONSTRAINT letters_signed_ck CHECK (
          (status = 'DRAFT') = (number IS NULL) AND (number IS NULL) = (verification_code IS NULL)
          AND (number IS NULL) = (signed_at IS NULL) AND (number IS NULL) = (printed IS NULL)
          AND (number IS NULL) = (sequence IS NULL) AND (number IS NULL OR valid_from IS NOT NULL)
        ),
        CONSTRAINT letters_revoked_ck CHECK ((status = 'REVOKED') = (revoked_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX letters_resident_idx ON letters (resident_id)`);
    await q.query(
      `CREATE INDEX letters_village_idx ON letters (village_code varchar_pattern_ops, created_at, id)`,
    );
    await q.query(`CREATE INDEX letters_created_idx ON letters (created_at, id)`);

    await q.query(`
      CREATE TABLE letter_counters (
        village_code varchar(10) NOT NULL,
        type varchar(30) NOT NULL,
        year int NOT NULL,
        last_number int NOT NULL CONSTRAINT letter_counters_last_number_ck CHECK (last_number >= 1),
        PRIMARY KEY (village_code, type, year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE letter_counters`);
    await q.query(`DROP TABLE letters`);
    await q.query(`DROP TABLE letter_type_rules`);
  }
}
