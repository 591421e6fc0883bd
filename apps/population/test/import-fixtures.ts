import { createHash } from 'node:crypto';
import {
  type Actor,
  IMPORT_COLUMNS,
  ImportColumn,
  type ImportJobView,
  type ImportRowDefect,
  type ImportRowView,
  ImportStatus,
  POPULATION_IMPORTS_APPEND,
  POPULATION_IMPORTS_CREATE,
  POPULATION_IMPORTS_GET,
  POPULATION_IMPORTS_ROWS,
  POPULATION_IMPORTS_START,
  resolveImportHeader,
  toImportValues,
} from '@terpadu/contracts';
import { IMPORT_OPTIONS, type ImportOptions } from '../src/imports/import-options';
import { type ServiceTestApp } from '@terpadu/service-testing';
import { DEMO_HEADER, type DemoRecord, eventually, type TestClock } from '@terpadu/testing';
import { type PopulationTestApp, startPopulationInstance } from './population-app';

export interface UploadRow {
  row: number;
  values: string[];
  defect?: ImportRowDefect;
}

/** Every layout column under its own name, the village as KODE_DESA (no NO_PROP..NO_KEL). */
export const KODE_DESA_COLUMNS: Record<string, string> = Object.fromEntries(
  IMPORT_COLUMNS.filter(
    (c) => ![ImportColumn.NoProp, ImportColumn.NoKab, ImportColumn.NoKec, ImportColumn.NoKel].includes(c),
  ).map((c) => [c, c]),
);

/** A row's values in layout order from the columns given ('' for the rest). */
export function values(fields: Partial<Record<ImportColumn, string>>): string[] {
  return IMPORT_COLUMNS.map((c) => fields[c] ?? '');
}

/** Generated demo records as the rows the gateway would send (line 2 onwards). */
export function demoRows(records: readonly DemoRecord[]): UploadRow[] {
  const header = resolveImportHeader([...DEMO_HEADER]);
  if (!header.ok) throw new Error('the demo header does not resolve');
  return records.map((r, i) => ({
    row: i + 2,
    values: toImportValues(
      header.header,
      DEMO_HEADER.map((c) => r[c]),
    ),
  }));
}

export const DEMO_COLUMNS: Record<string, string> = (() => {
  const header = resolveImportHeader([...DEMO_HEADER]);
  if (!header.ok) throw new Error('the demo header does not resolve');
  return header.header.names;
})();

/** A stand-in for a file's SHA-256: the rows' content decides it, as the file's bytes would. */
export function sha256Of(rows: readonly UploadRow[], salt = ''): string {
  return createHash('sha256').update(JSON.stringify(rows)).update(salt).digest('hex');
}

/** What the gateway does with a file: create the job, append the rows in chunks, start it. */
export async function upload(
  t: PopulationTestApp,
  actor: Actor,
  rows: readonly UploadRow[],
  o: { sha256?: string; columns?: Record<string, string>; chunkSize?: number } = {},
): Promise<{ job: ImportJobView; created: boolean }> {
  const sha256 = o.sha256 ?? sha256Of(rows);
  const created = await t.send(POPULATION_IMPORTS_CREATE, {
    actor,
    job: { sha256, filename: 'export.csv', columns: o.columns ?? KODE_DESA_COLUMNS },
  });
  if (created.uploadToken === null) return { job: created.job, created: false };
  const chunkSize = o.chunkSize ?? 2000;
  for (let i = 0; i < rows.length; i += chunkSize) {
    await t.send(POPULATION_IMPORTS_APPEND, {
      actor,
      id: created.job.id,
      chunk: { uploadToken: created.uploadToken, rows: rows.slice(i, i + chunkSize) },
    });
  }
  const job = await t.send(POPULATION_IMPORTS_START, {
    actor,
    id: created.job.id,
    start: { uploadToken: created.uploadToken, rowCount: rows.length },
  });
  return { job, created: true };
}

export async function waitUntilFinished(
  t: PopulationTestApp,
  actor: Actor,
  id: string,
  timeoutMs = 60_000,
): Promise<ImportJobView> {
  return eventually(async () => {
    const job = await t.send(POPULATION_IMPORTS_GET, { actor, id });
    if (job.status !== ImportStatus.Done && job.status !== ImportStatus.Failed)
      throw new Error(`job is ${job.status}`);
    return job;
  }, timeoutMs);
}

/** The whole report, page by page. */
export async function report(
  t: PopulationTestApp,
  actor: Actor,
  id: string,
  outcome?: ImportRowView['outcome'],
): Promise<ImportRowView[]> {
  const items: ImportRowView[] = [];
  let cursor: string | undefined;
  do {
    const page = await t.send(POPULATION_IMPORTS_ROWS, { actor, id, query: { cursor, outcome, limit: 500 } });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

/**
 * Another population service process on the same database and NATS, as after a restart (the
 * spec's first app is closed first): a fresh Nest application, the same clock.
 */
export function startAnotherService(
  t: PopulationTestApp,
  clock: TestClock,
  importOptions?: ImportOptions,
): Promise<ServiceTestApp> {
  return startPopulationInstance(t, {
    clock,
    overrides: importOptions ? [[IMPORT_OPTIONS, importOptions]] : [],
  });
}
