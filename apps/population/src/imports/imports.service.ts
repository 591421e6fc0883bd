import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type AppendImportRowsDto,
  type CreateImportDto,
  ErrorCode,
  IMPORT_COLUMNS,
  ImportColumn,
  type ImportCreatedView,
  type ImportJobView,
  ImportRowOutcome,
  type ImportRowPageView,
  type ImportRowsQueryDto,
  ImportStatus,
  REQUIRED_IMPORT_COLUMNS,
  type StartImportDto,
  VILLAGE_PART_COLUMNS,
  withinJurisdiction,
} from '@terpadu/contracts';
import { DomainException } from '@terpadu/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessLogService, hasControlCharacters, invalidField } from '@terpadu/service-kit';
import { DataAccessAction } from '../access-log/data-access-action';
import { Clock } from '@terpadu/clock';
import { ImportJob } from './import-job.entity';
import { ImportProcessor } from './import-processor';
import { familyCardKey, isHeadOfFamily, nikOfRow } from './siak-row';

const DEFAULT_PAGE_SIZE = 100;

function importNotFound(): DomainException {
  return new DomainException(ErrorCode.IMPORT_NOT_FOUND, 'No import with this id in your jurisdiction');
}

function uploadClosed(): DomainException {
  return new DomainException(
    ErrorCode.IMPORT_UPLOAD_CLOSED,
    'This upload is closed: the job has started, or a newer upload of the same file replaced it',
  );
}

/** A job is visible to a caller whose jurisdiction covers the whole jurisdiction of the uploader. */
function visibleTo(job: ImportJob, actor: Actor): boolean {
  return job.actor.jurisdiction.every((prefix) => withinJurisdiction(prefix, actor.jurisdiction));
}

/**
 * Import jobs as the gateway drives them: create (or find) the job of a file, append its rows,
 * start it; then its progress and its per-row report. The rows are registered by ImportProcessor.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly processor: ImportProcessor,
  ) {}

  /**
   * The job of a file: a new one, or the existing one for the same SHA-256, unchanged (no upload
   * token). An existing job whose upload never completed is handed to this caller to upload again.
   */
  async create(actor: Actor, dto: CreateImportDto): Promise<ImportCreatedView> {
    if (actor.jurisdiction.length === 0) {
      throw new DomainException(ErrorCode.FORBIDDEN, 'Your token names no jurisdiction to import into');
    }
    const columns = this.checkColumns(dto.columns);
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const inserted = await m.query<{ id: string }[]>(
        `INSERT INTO import_jobs (id, sha256, filename, columns, status, upload_token, actor, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'QUEUED', $5, $6, $7, $7)
         ON CONFLICT (sha256) DO NOTHING RETURNING id`,
        [randomUUID(), dto.sha256, dto.filename ?? null, columns, randomUUID(), actor, now],
      );
      const job = await m.findOneOrFail(ImportJob, {
        where: { sha256: dto.sha256 },
        lock: { mode: 'pessimistic_write' },
      });
      if (inserted.length > 0) return { job: this.toView(job), uploadToken: job.uploadToken };
      if (!visibleTo(job, actor)) {
        throw new DomainException(
          ErrorCode.IMPORT_FILE_ALREADY_IMPORTED,
          'This file was already imported by an office whose jurisdiction yours does not cover',
        );
      }
      if (job.status !== ImportStatus.Queued) return { job: this.toView(job), uploadToken: null };
      // The upload of this file never completed (the uploader gave up or failed): start it over.
      await m.query(`DELETE FROM import_rows WHERE job_id = $1`, [job.id]);
      Object.assign(job, {
        filename: dto.filename ?? null,
        columns,
        uploadToken: randomUUID(),
        actor,
        updatedAt: now,
      });
      await m.save(ImportJob, job);
      return { job: this.toView(job), uploadToken: job.uploadToken };
    });
  }

  /** Adds rows to an open upload; a row sent twice (a retried chunk) is kept once. */
  async append(actor: Actor, id: string, chunk: AppendImportRowsDto): Promise<{ received: number }> {
    chunk.rows.forEach((row, i) => {
      if (row.values.length !== IMPORT_COLUMNS.length) {
        throw invalidField(
          `rows.${i}.values`,
          'arrayLength',
          `rows.${i}.values must have ${IMPORT_COLUMNS.length} values`,
        );
      }
    });
    return this.dataSource.transaction(async (m) => {
      // FOR SHARE: chunks of one upload append side by side; a new upload of the file waits.
      const job = await m.findOne(ImportJob, { where: { id }, lock: { mode: 'pessimistic_read' } });
      if (!job || !visibleTo(job, actor)) throw importNotFound();
      if (job.status !== ImportStatus.Queued || job.uploadToken !== chunk.uploadToken) throw uploadClosed();
      const rows = chunk.rows.map((row) => ({
        line: row.row,
        fields: row.values,
        defect: row.defect ?? null,
        family_card_key: familyCardKey(row.values),
        nik: nikOfRow(row.values),
        is_head: isHeadOfFamily(row.values),
      }));
      const inserted = await m.query<unknown[]>(
        `INSERT INTO import_rows (job_id, line, fields, defect, family_card_key, nik, is_head)
         SELECT $1, r.line, ARRAY(SELECT jsonb_array_elements_text(r.fields)), r.defect, r.family_card_key, r.nik, r.is_head
           FROM jsonb_to_recordset($2::jsonb)
             AS r(line int, fields jsonb, defect text, family_card_key text, nik text, is_head boolean)
         ON CONFLICT (job_id, line) DO NOTHING
         RETURNING line`,
        [id, JSON.stringify(rows)],
      );
      return { received: inserted.length };
    });
  }

  /** Closes the upload and hands the job to the processor, once every announced row arrived. */
  async start(actor: Actor, id: string, dto: StartImportDto): Promise<ImportJobView> {
    const view = await this.dataSource.transaction(async (m) => {
      const job = await this.lockVisible(m, actor, id);
      if (job.status !== ImportStatus.Queued || job.uploadToken !== dto.uploadToken) throw uploadClosed();
      const [{ count }] = await m.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM import_rows WHERE job_id = $1`,
        [id],
      );
      if (count !== dto.rowCount) {
        throw new DomainException(
          ErrorCode.IMPORT_INCOMPLETE,
          `The job has ${count} of the ${dto.rowCount} rows announced; upload the file again`,
        );
      }
      const now = this.clock.now();
      Object.assign(job, {
        status: ImportStatus.Running,
        uploadToken: null,
        total: count,
        startedAt: now,
        updatedAt: now,
      });
      await m.save(ImportJob, job);
      return this.toView(job);
    });
    this.processor.run(id);
    return view;
  }

  async get(actor: Actor, id: string): Promise<ImportJobView> {
    const job = await this.dataSource.getRepository(ImportJob).findOne({ where: { id } });
    if (!job || !visibleTo(job, actor)) throw importNotFound();
    return this.toView(job);
  }

  /** The report, a page of rows at a time in file order; personal data in it is an access. */
  async rows(actor: Actor, id: string, query: ImportRowsQueryDto): Promise<ImportRowPageView> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor === undefined ? 0 : Number(query.cursor);
    if (query.cursor !== undefined && !/^\d{1,9}$/.test(query.cursor)) {
      throw invalidField(
        'cursor',
        'isCursor',
        'cursor is not a cursor of this report; start again without it',
      );
    }
    return this.dataSource.transaction(async (m) => {
      const job = await m.findOne(ImportJob, { where: { id } });
      if (!job || !visibleTo(job, actor)) throw importNotFound();
      const rows = await m.query<
        {
          line: number;
          outcome: ImportRowOutcome;
          nik: string | null;
          resident_id: string | null;
          family_card_number: string | null;
          reason: ImportRowPageView['items'][number]['reason'];
          column_name: string | null;
          message: string | null;
        }[]
      >(
        `SELECT line, outcome, nik, resident_id, family_card_number, reason, column_name, message
           FROM import_rows
          WHERE job_id = $1 AND outcome IS NOT NULL AND line > $2 AND ($3::text IS NULL OR outcome = $3)
          ORDER BY line LIMIT $4`,
        [id, after, query.outcome ?? null, limit + 1],
      );
      const page = rows.slice(0, limit);
      const residentIds = page.map((r) => r.resident_id).filter((r): r is string => r !== null);
      if (page.some((r) => r.nik !== null)) {
        await this.accessLog.record(m, { actor, action: DataAccessAction.ImportReportRead, residentIds });
      }
      return {
        items: page.map((r) => ({
          row: r.line,
          outcome: r.outcome,
          nik: r.nik,
          residentId: r.resident_id,
          familyCardNumber: r.family_card_number,
          reason: r.reason,
          column: r.column_name,
          message: r.message,
        })),
        nextCursor: rows.length > limit ? String(page[page.length - 1].line) : null,
      };
    });
  }

  private async lockVisible(m: EntityManager, actor: Actor, id: string): Promise<ImportJob> {
    const job = await m.findOne(ImportJob, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!job || !visibleTo(job, actor)) throw importNotFound();
    return job;
  }

  /** The header names the gateway read: layout columns only, printable, and every required one. */
  private checkColumns(columns: Record<string, string>): Record<string, string> {
    const known = new Set<string>(IMPORT_COLUMNS);
    for (const [column, name] of Object.entries(columns)) {
      if (!known.has(column) || typeof name !== 'string' || name.length > 100 || hasControlCharacters(name)) {
        throw invalidField('columns', 'isImportHeader', 'columns must map layout columns to header names');
      }
    }
    const has = (c: ImportColumn) => columns[c] !== undefined;
    if (
      !REQUIRED_IMPORT_COLUMNS.every(has) ||
      !(has(ImportColumn.KodeDesa) || VILLAGE_PART_COLUMNS.every(has))
    ) {
      throw invalidField('columns', 'isImportHeader', 'columns lack a column the layout requires');
    }
    return columns;
  }

  private toView(job: ImportJob): ImportJobView {
    return {
      id: job.id,
      status: job.status,
      filename: job.filename,
      sha256: job.sha256,
      total: job.total,
      processed: job.processed,
      accepted: job.accepted,
      unchanged: job.unchanged,
      rejected: job.rejected,
      createdBy: job.actor.sub,
      createdAt: job.createdAt.toISOString(),
      startedAt: job.startedAt?.toISOString() ?? null,
      finishedAt: job.finishedAt?.toISOString() ?? null,
      failure: job.failure,
    };
  }
}
