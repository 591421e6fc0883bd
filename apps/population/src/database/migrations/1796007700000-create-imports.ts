import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Bulk import jobs (one per uploaded file) and their rows: pending values, then each row's outcome. */
export class CreateImports1796007700000 implements MigrationInterface {
  name = 'CreateImports1796007700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_jobs (
        id uuid PRIMARY KEY,
        sha256 char(64) NOT NULL CONSTRAINT import_jobs_sha256_ck CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        filename varchar(255) NULL,
        columns jsonb NOT NULL,
        status varchar(10) NOT NULL CONSTRAINT import_jobs_status_ck CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
        upload_token uuid NULL,
        actor jsonb NOT NULL,
        total int NOT NULL DEFAULT 0,
        processed int NOT NULL DEFAULT 0,
        accepted int NOT NULL DEFAULT 0,
        unchanged int NOT NULL DEFAULT 0,
        rejected int NOT NULL DEFAULT 0,
        failure text NULL,
        created_at timestamptz NOT NULL,
        started_at timestamptz NULL,
        finished_at timestamptz NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT import_jobs_sha256_uq UNIQUE (sha256),
        CONSTRAINT import_jobs_counts_ck CHECK (processed = accepted + unchanged + rejected AND processed <= total)
      )`);
    // Jobs to resume at startup.
    await q.query(`CREATE INDEX import_jobs_running_idx ON import_jobs (status) WHERE status = 'RUNNING'`);

    await q.query(`
      CREATE TABLE import_rows (
        job_id uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
        line int NOT NULL,
        fields text[] NULL,
        defect varchar(20) NULL,
        family_card_key varchar(40) NOT NULL,
        outcome varchar(12) NULL CONSTRAINT import_rows_outcome_ck CHECK (outcome IN ('ACCEPTED', 'UNCHANGED', 'REJECTED')),
        reason varchar(30) NULL,
        column_name varchar(100) NULL,
        message text NULL,
        nik varchar(16) NULL,
        resident_id uuid NULL,
        family_card_number varchar(16) NULL,
        is_head boolean NOT NULL,
        PRIMARY KEY (job_id, line),
        CONSTRAINT import_rows_pending_ck CHECK ((outcome IS NULL) = (fields IS NOT NULL)),
        CONSTRAINT import_rows_reason_ck CHECK ((outcome = 'REJECTED') = (reason IS NOT NULL))
      )`);
    // The next batch: pending rows in file order, and the other rows of their families.
    await q.query(`CREATE INDEX import_rows_pending_idx ON import_rows (job_id, line) WHERE outcome IS NULL`);
    // ...and each family's head line, processed or not.
    await q.query(`CREATE INDEX import_rows_family_idx ON import_rows (job_id, family_card_key)`);
    // The report by outcome, and NIKs an earlier batch of the same file accepted.
    await q.query(`CREATE INDEX import_rows_outcome_idx ON import_rows (job_id, outcome, line)`);
    await q.query(`CREATE INDEX import_rows_nik_idx ON import_rows (job_id, nik) WHERE nik IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_rows`);
    await q.query(`DROP TABLE import_jobs`);
  }
}
