import { type ImportHeader, resolveImportHeader } from '@terpadu/contracts';
import { CsvError, parse } from 'csv-parse';
import { invalidFile } from './import-errors';

/** One record of the file and the line where it ends (the header is line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A file read once to check it: its header and how many data records it has. */
export interface CsvSummary {
  header: ImportHeader;
  rowCount: number;
}

/**
 * The text of an uploaded file: UTF-8 (a byte order mark is dropped), or a 400 naming the file.
 * Spreadsheets save SIAK exports as UTF-8 with a BOM; another encoding is refused, never guessed.
 */
export function decodeCsv(body: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw invalidFile('utf8', 'the file is not UTF-8 text; save the export as CSV UTF-8');
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** `;` (Indonesian spreadsheets) or `,`: whichever the header line has more of, outside quotes. */
export function detectSeparator(text: string): ';' | ',' {
  const end = text.search(/\r?\n/);
  const headerLine = (end === -1 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
  const count = (c: string) => headerLine.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** Every record after the header, with its line; empty lines and lines of empty fields are skipped. */
export async function* readCsv(text: string): AsyncGenerator<CsvRecord> {
  const parser = parse(text, {
    delimiter: detectSeparator(text),
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    info: true,
  });
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>)
      yield { line: info.lines, fields: record };
  } catch (error) {
    if (error instanceof CsvError) {
      const where = typeof error.lines === 'number' ? ` (line ${error.lines})` : '';
      throw invalidFile('csv', `the file is not valid CSV${where}: ${csvProblem(error.code)}`);
    }
    throw error;
  }
}

/** csv-parse's messages quote the file's content (personal data): say what is wrong in our words. */
function csvProblem(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return 'a quote inside a field is not doubled';
    case 'CSV_MAX_RECORD_SIZE':
      return 'a record is too long';
    default:
      return code;
  }
}

/** First pass over the file: the header checked against the layout, and the records counted. */
export async function summarizeCsv(text: string): Promise<CsvSummary> {
  let header: ImportHeader | undefined;
  let rowCount = 0;
  for await (const record of readCsv(text)) {
    if (header === undefined) {
      const resolved = resolveImportHeader(record.fields);
      if (!resolved.ok)
        throw invalidFile('header', 'the header does not have the columns of the layout', resolved.errors);
      header = resolved.header;
    } else {
      rowCount += 1;
    }
  }
  if (header === undefined) throw invalidFile('empty', 'the file is empty');
  if (rowCount === 0) throw invalidFile('noRows', 'the file has a header but no rows');
  return { header, rowCount };
}
