import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Family cards (KK), their membership history and the serial counters that number them. */
export class CreateFamilyCards1796007508625 implements MigrationInterface {
  name = 'CreateFamilyCards1796007508625';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE family_cards (
        id uuid PRIMARY KEY,
        number varchar(16) NOT NULL CONSTRAINT family_cards_number_ck CHECK (number ~ '^[0-9]{16}$'),
        village_code varchar(10) NOT NULL CONSTRAINT family_cards_village_code_ck CHECK (village_code ~ '^[0-9]{10}$'),
        rt varchar(3) NOT NULL,
        rw varchar(3) NOT NULL,
        hamlet varchar(100) NULL,
        street varchar(200) NOT NULL,
        issued_on date NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT family_cards_number_uq UNIQUE (number)
      )`);
    await q.query(
      `CREATE INDEX family_cards_village_code_idx ON family_cards (village_code varchar_pattern_ops)`,
    );

    await q.query(`
      CREATE TABLE family_card_members (
        id uuid PRIMARY KEY,
        position bigint GENERATED ALWAYS AS IDENTITY,
        family_card_id uuid NOT NULL REFERENCES family_cards (id),
        resident_id uuid NOT NULL REFERENCES residents (id),
        relationship varchar(20) NOT NULL CONSTRAINT family_card_members_relationship_ck CHECK (relationship IN (
          'KEPALA_KELUARGA', 'SUAMI', 'ISTRI', 'ANAK', 'MENANTU', 'CUCU', 'ORANG_TUA', 'MERTUA', 'FAMILI_LAIN', 'PEMBANTU', 'LAINNYA'
        )),
        joined_at timestamptz NOT NULL,
        left_at timestamptz NULL,
        leave_reason varchar(500) NULL,
        CONSTRAINT family_card_members_leave_ck CHECK ((left_at IS NULL) = (leave_reason IS NULL))
      )`);
    // A person is a current member of at most one card, and a card has at most one current head:
    // enforced here, so that no code path (or race) can break it.
    await q.query(
      `CREATE UNIQUE INDEX family_card_members_one_active_card_uq ON family_card_members (resident_id) WHERE left_at IS NULL`,
    );
    await q.query(`
      CREATE UNIQUE INDEX family_card_members_one_head_uq ON family_card_members (family_card_id)
        WHERE left_at IS NULL AND relationship = 'KEPALA_KELUARGA'`);
    await q.query(
      `CREATE INDEX family_card_members_card_idx ON family_card_members (family_card_id, position)`,
    );
    await q.query(`CREATE INDEX family_card_members_resident_idx ON family_card_members (resident_id)`);

    await q.query(`
      CREATE TABLE family_card_serials (
        prefix varchar(12) PRIMARY KEY CONSTRAINT family_card_serials_prefix_ck CHECK (prefix ~ '^[0-9]{12}$'),
        last_serial int NOT NULL CONSTRAINT family_card_serials_last_serial_ck CHECK (last_serial >= 1)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE family_card_serials`);
    await q.query(`DROP TABLE family_card_members`);
    await q.query(`DROP TABLE family_cards`);
  }
}
