import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type ImportJobView,
  ImportRowDefect,
  type ImportRowDto,
  POPULATION_IMPORTS_APPEND,
  POPULATION_IMPORTS_CREATE,
  POPULATION_IMPORTS_START,
  toImportValues,
} from '@terpadu/contracts';
import { RpcClient } from '@terpadu/messaging';
import { decodeCsv, readCsv, summarizeCsv } from './resident-csv';

/** Rows per append: a chunk stays far below NATS's default 1 MB message size. */
const CHUNK_ROWS = 2000;
const CHUNK_BYTES = 512 * 1024;
/** What ImportRowDto accepts per value. */
const MAX_VALUE_LENGTH = 1000;
/** Appending a chunk and starting the job write thousands of rows: more time than a lookup. */
const WRITE_TIMEOUT_MS = 30_000;

export interface UploadResult {
  job: ImportJobView;
  /** False when the file had been uploaded before: the existing job, unchanged. */
  created: boolean;
}

/**
 * Hands an uploaded SIAK export to the population service as an import job: the file is checked
 * and counted, the job created for its SHA-256 (the same file finds its existing job and nothing
 * else happens), the rows sent in chunks that fit a NATS message, then the job started.
 */
@Injectable()
export class ImportsService {
  constructor(private readonly rpc: RpcClient) {}

  async upload(actor: Actor, body: Buffer, filename: string | undefined): Promise<UploadResult> {
    const sha256 = createHash('sha256').update(body).digest('hex');
    const text = decodeCsv(body);
    const { header, rowCount } = await summarizeCsv(text);
    const created = await this.rpc.send(POPULATION_IMPORTS_CREATE, {
      actor,
      job: { sha256, ...(filename ? { filename } : {}), columns: header.names },
    });
    const uploadToken = created.uploadToken;
    if (uploadToken === null) return { job: created.job, created: false };

    const id = created.job.id;
    let chunk: ImportRowDto[] = [];
    let bytes = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      await this.rpc.send(
        POPULATION_IMPORTS_APPEND,
        { actor, id, chunk: { uploadToken, rows: chunk } },
        { timeoutMs: WRITE_TIMEOUT_MS },
      );
      chunk = [];
      bytes = 0;
    };
    let first = true;
    for await (const record of readCsv(text)) {
      if (first) {
        first = false; // the header
        continue;
      }
      const row: ImportRowDto = {
        row: record.line,
        // Longer than any field of the layout allows: the service rejects the row on that column.
        values: toImportValues(header, record.fields).map((v) => v.slice(0, MAX_VALUE_LENGTH)),
        ...(record.fields.length !== header.width ? { defect: ImportRowDefect.ColumnCount } : {}),
      };
      const size = Buffer.byteLength(JSON.stringify(row));
      if (chunk.length >= CHUNK_ROWS || bytes + size > CHUNK_BYTES) await flush();
      chunk.push(row);
      bytes += size;
    }
    await flush();
    const job = await this.rpc.send(
      POPULATION_IMPORTS_START,
      { actor, id, start: { uploadToken, rowCount } },
      { timeoutMs: WRITE_TIMEOUT_MS },
    );
    return { job, created: true };
  }
}
