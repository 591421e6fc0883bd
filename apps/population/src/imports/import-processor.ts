import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ImportRowOutcome, ImportStatus } from '@terpadu/contracts';
import { APP_LOGGER } from '@terpadu/observability';
import type { Logger } from 'pino';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { Clock } from '@terpadu/clock';
import { isUniqueViolation } from '@terpadu/service-kit';
import { ImportBatchService, type RowResult } from './import-batch.service';
import { ImportJob } from './import-job.entity';
import { ImportRow } from './import-row.entity';
import { IMPORT_OPTIONS, type ImportOptions } from './import-options';

type BatchOutcome = 'more' | 'finished' | 'stopped';

/** Unique indexes a concurrent registration can trip between a batch's checks and its writes. */
const RACE_CONSTRAINTS = [
  'residents_nik_uq',
  'family_cards_number_uq',
  'family_card_members_one_active_card_uq',
  'family_card_members_one_head_uq',
];

const isRace = (error: unknown) => RACE_CONSTRAINTS.some((c) => isUniqueViolation(error, c));

/**
 * What a log line (or a FAILED job) may say about an error. PostgreSQL's messages, `detail` and
 * `parameters` can quote a row's values (NIKs, names), so a database error is told by its code and
 * constraint only.
 */
function safeError(error: unknown): { name: string; message: string; code?: string; constraint?: string } {
  if (error instanceof QueryFailedError) {
    const driver = error.driverError as { code?: string; constraint?: string };
    return {
      name: 'QueryFailedError',
      message: `database error ${driver.code ?? 'unknown'}${driver.constraint ? ` on ${driver.constraint}` : ''}`,
      code: driver.code,
      constraint: driver.constraint,
    };
  }
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: 'non-Error thrown' };
}

/**
 * Runs import jobs in the background, one batch per transaction: the batch's rows, their outcomes
 * and the job's counters commit together, so a restart resumes after the last committed batch
 * (RUNNING jobs are picked up at startup). Each batch locks its job row, so replicas that both run
 * a job take turns instead of processing a row twice. When a batch's writes collide with a
 * concurrent registration, the batch is redone row by row, each row in its own savepoint.
 */
@Injectable()
export class ImportProcessor implements BeforeApplicationShutdown, OnApplicationBootstrap {
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly batches: ImportBatchService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    @Inject(IMPORT_OPTIONS) private readonly options: ImportOptions,
  ) {}

  onApplicationBootstrap(): void {
    void this.resumeRunningJobs();
  }

  /** Before the database closes: the batch in progress commits (or rolls back), no other starts. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled(this.running.values());
  }

  /** Starts working on a job unless this process already is. */
  run(jobId: string): void {
    if (this.stopping || this.running.has(jobId)) return;
    const work = this.work(jobId).finally(() => this.running.delete(jobId));
    this.running.set(jobId, work);
  }

  /** Resolves when this process has no job in progress (specs wait on it). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled(this.running.values());
  }

  private async resumeRunningJobs(): Promise<void> {
    try {
      const jobs = await this.dataSource.getRepository(ImportJob).find({
        select: { id: true },
        where: { status: ImportStatus.Running },
        order: { createdAt: 'ASC' },
      });
      for (const job of jobs) this.run(job.id);
    } catch (error) {
      this.logger.error({ err: safeError(error) }, 'could not look for import jobs to resume');
    }
  }

  private async work(jobId: string): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const outcome = await this.batch(jobId);
        failures = 0;
        if (outcome !== 'more') return;
      } catch (error) {
        failures += 1;
        this.logger.error({ jobId, attempt: failures, err: safeError(error) }, 'import batch failed');
        if (failures >= this.options.maxAttempts) {
          await this.fail(jobId, error).catch((e: unknown) =>
            this.logger.error({ jobId, err: safeError(e) }, 'could not mark the import failed'),
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs * 2 ** (failures - 1)));
      }
    }
  }

  /** One batch in one transaction; redone row by row when it collides with a concurrent registration. */
  private async batch(jobId: string): Promise<BatchOutcome> {
    try {
      return await this.dataSource.transaction((m) => this.batchIn(m, jobId, false));
    } catch (error) {
      if (!isRace(error)) throw error;
      return this.dataSource.transaction((m) => this.batchIn(m, jobId, true));
    }
  }

  private async batchIn(m: EntityManager, jobId: string, rowByRow: boolean): Promise<BatchOutcome> {
    const job = await m.findOne(ImportJob, { where: { id: jobId }, lock: { mode: 'pessimistic_write' } });
    if (!job || job.status !== ImportStatus.Running) return 'stopped';
    const rows = await this.nextRows(m, jobId);
    const now = this.clock.now();
    if (rows.length === 0) {
      await m.update(
        ImportJob,
        { id: jobId },
        { status: ImportStatus.Done, finishedAt: now, updatedAt: now },
      );
      return 'finished';
    }
    const today = this.clock.today();
    const results: RowResult[] = [];
    if (!rowByRow) {
      results.push(...(await this.batches.process(m, job, rows, today, now)));
      await this.record(m, job, results);
    } else {
      // Heads first, so that the members of a card find it; each row stands or falls alone.
      const ordered = [...rows].sort((a, b) => Number(b.isHead) - Number(a.isHead) || a.row - b.row);
      for (const row of ordered) {
        await m.query('SAVEPOINT import_row');
        try {
          const [result] = await this.batches.process(m, job, [row], today, now);
          await this.record(m, job, [result]);
          await m.query('RELEASE SAVEPOINT import_row');
          results.push(result);
        } catch (error) {
          await m.query('ROLLBACK TO SAVEPOINT import_row');
          if (!isRace(error)) throw error;
          // The row lost a race with a registration of the same NIK or KK: process it again, now
          // that the committed winner is visible to its checks.
          const [result] = await this.batches.process(m, job, [row], today, now);
          await this.record(m, job, [result]);
          results.push(result);
        }
      }
    }
    const count = (o: ImportRowOutcome) => results.filter((r) => r.outcome === o).length;
    await m.query(
      `UPDATE import_jobs SET processed = processed + $2, accepted = accepted + $3, unchanged = unchanged + $4,
              rejected = rejected + $5, updated_at = $6
        WHERE id = $1`,
      [
        jobId,
        results.length,
        count(ImportRowOutcome.Accepted),
        count(ImportRowOutcome.Unchanged),
        count(ImportRowOutcome.Rejected),
        now,
      ],
    );
    return 'more';
  }

  /**
   * The next pending rows in file order, with every other pending row of their family cards, so a
   * family is always registered in one batch whatever the order of its lines.
   */
  private async nextRows(m: EntityManager, jobId: string): Promise<ImportRow[]> {
    const rows = await m.query<
      {
        line: number;
        fields: string[];
        defect: ImportRow['defect'];
        family_card_key: string;
        nik: string | null;
        is_head: boolean;
      }[]
    >(
      `WITH first AS (
         SELECT line, family_card_key FROM import_rows
          WHERE job_id = $1 AND outcome IS NULL ORDER BY line LIMIT $2
       )
       SELECT line, fields, defect, family_card_key, nik, is_head FROM import_rows
        WHERE job_id = $1 AND outcome IS NULL
          AND (line IN (SELECT line FROM first)
               OR family_card_key IN (SELECT family_card_key FROM first WHERE family_card_key <> ''))
        ORDER BY line`,
      [jobId, this.options.batchSize],
    );
    return rows.map((r) => ({
      jobId,
      row: r.line,
      values: r.fields,
      defect: r.defect,
      familyCardKey: r.family_card_key,
      outcome: null,
      reason: null,
      columnName: null,
      message: null,
      nik: r.nik,
      residentId: null,
      familyCardNumber: null,
      isHead: r.is_head,
    }));
  }

  /** Each row's outcome, with the column named as the file names it; the row's values are dropped. */
  private async record(m: EntityManager, job: ImportJob, results: RowResult[]): Promise<void> {
    const columnName = (column: string | null) => (column === null ? null : (job.columns[column] ?? column));
    await m.query(
      `UPDATE import_rows AS t
          SET outcome = r.outcome, reason = r.reason, column_name = r.column_name, message = r.message,
              resident_id = r.resident_id, family_card_number = r.family_card_number, fields = NULL
         FROM jsonb_to_recordset($2::jsonb) AS r(
                line int, outcome text, reason text, column_name text, message text,
                resident_id uuid, family_card_number text)
        WHERE t.job_id = $1 AND t.line = r.line`,
      [
        job.id,
        JSON.stringify(
          results.map((r) => ({
            line: r.row,
            outcome: r.outcome,
            reason: r.rejection?.reason ?? null,
            column_name: columnName(r.rejection?.column ?? null),
            message: r.rejection?.message ?? null,
            resident_id: r.residentId,
            family_card_number: r.familyCardNumber,
          })),
        ),
      ],
    );
  }

  private async fail(jobId: string, error: unknown): Promise<void> {
    const now = this.clock.now();
    const { name, message } = safeError(error);
    const reason = `${name}: ${message}`;
    await this.dataSource
      .getRepository(ImportJob)
      .update(
        { id: jobId, status: ImportStatus.Running },
        { status: ImportStatus.Failed, failure: reason.slice(0, 500), finishedAt: now, updatedAt: now },
      );
  }
}
