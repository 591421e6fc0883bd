import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The duplicate review queue: pairs of records that may be one person, and how each was resolved. */
export class CreateDuplicateReviews1796007900001 implements MigrationInterface {
  name = 'CreateDuplicateReviews1796007900001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE duplicate_reviews (
        id uuid PRIMARY KEY,
        -- The record whose registration (or birth, or move in) found the pair, and the one it resembles.
        resident_id uuid NOT NULL REFERENCES residents (id),
        candidate_resident_id uuid NOT NULL REFERENCES residents (id),
        reasons text[] NOT NULL CONSTRAINT duplicate_reviews_reasons_ck CHECK (
          cardinality(reasons) > 0 AND reasons <@ ARRAY['SAME_NAME_AND_BIRTH_DATE', 'SAME_MOTHER_AND_BIRTH_DATE']
        ),
        status varchar(10) NOT NULL CONSTRAINT duplicate_reviews_status_ck CHECK (status IN ('OPEN', 'DISTINCT', 'DUPLICATE')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        resolved_by text NULL,
        resolved_at timestamptz NULL,
        resolution_reason varchar(500) NULL,
        kept_resident_id uuid NULL REFERENCES residents (id),
        deactivated_resident_id uuid NULL REFERENCES residents (id),
        CONSTRAINT duplicate_reviews_pair_uq UNIQUE (resident_id, candidate_resident_id),
        CONSTRAINT duplicate_reviews_pair_ck CHECK (resident_id <> candidate_resident_id),
        CONSTRAINT duplicate_reviews_resolution_ck CHECK (
          ((status = 'OPEN') = (resolved_at IS NULL))
          AND ((status = 'OPEN') = (resolved_by IS NULL))
          AND ((status = 'OPEN') = (resolution_reason IS NULL))
          AND ((status = 'DUPLICATE') = (kept_resident_id IS NOT NULL))
          AND ((status = 'DUPLICATE') = (deactivated_resident_id IS NOT NULL))
        )
      )`);
    // The queue, a page at a time by status.
    await q.query(`CREATE INDEX duplicate_reviews_status_idx ON duplicate_reviews (status, created_at, id)`);
    await q.query(`CREATE INDEX duplicate_reviews_created_idx ON duplicate_reviews (created_at, id)`);
    await q.query(
      `CREATE INDEX duplicate_reviews_candidate_idx ON duplicate_reviews (candidate_resident_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE duplicate_reviews`);
  }
}
