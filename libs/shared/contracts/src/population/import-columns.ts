import type { FieldError } from '../common/errors';

/**
 * The columns of a SIAK resident export that the bulk import reads (docs/imports.md describes each
 * one and the spellings accepted). Rows travel from the gateway to the population service as arrays
 * of strings in this order; a column the file does not have travels as ''.
 */
export enum ImportColumn {
  NoKk = 'NO_KK',
  Nik = 'NIK',
  NamaLgkp = 'NAMA_LGKP',
  JenisKlmin = 'JENIS_KLMIN',
  TmptLhr = 'TMPT_LHR',
  TglLhr = 'TGL_LHR',
  Agama = 'AGAMA',
  StatKwn = 'STAT_KWN',
  PddkAkh = 'PDDK_AKH',
  JenisPkrjn = 'JENIS_PKRJN',
  StatHbkel = 'STAT_HBKEL',
  Alamat = 'ALAMAT',
  NoRt = 'NO_RT',
  NoRw = 'NO_RW',
  Dusun = 'DUSUN',
  KodeDesa = 'KODE_DESA',
  NoProp = 'NO_PROP',
  NoKab = 'NO_KAB',
  NoKec = 'NO_KEC',
  NoKel = 'NO_KEL',
}

/** The order of the values in a row. */
export const IMPORT_COLUMNS: readonly ImportColumn[] = Object.values(ImportColumn);

/** Columns every file must have. The village is KODE_DESA, or NO_PROP + NO_KAB + NO_KEC + NO_KEL. */
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = [
  ImportColumn.NoKk,
  ImportColumn.Nik,
  ImportColumn.NamaLgkp,
  ImportColumn.JenisKlmin,
  ImportColumn.TmptLhr,
  ImportColumn.TglLhr,
  ImportColumn.Agama,
  ImportColumn.StatKwn,
  ImportColumn.PddkAkh,
  ImportColumn.JenisPkrjn,
  ImportColumn.StatHbkel,
  ImportColumn.Alamat,
  ImportColumn.NoRt,
  ImportColumn.NoRw,
];

export const VILLAGE_PART_COLUMNS: readonly ImportColumn[] = [
  ImportColumn.NoProp,
  ImportColumn.NoKab,
  ImportColumn.NoKec,
  ImportColumn.NoKel,
];

/** Other headers that name the same column in exports of other SIAK versions and spreadsheets. */
export const IMPORT_COLUMN_ALIASES: Readonly<Partial<Record<ImportColumn, readonly string[]>>> = {
  [ImportColumn.NoKk]: ['NOMOR_KK', 'NO_KARTU_KELUARGA'],
  [ImportColumn.NamaLgkp]: ['NAMA', 'NAMA_LENGKAP'],
  [ImportColumn.JenisKlmin]: ['JENIS_KELAMIN', 'JK'],
  [ImportColumn.TmptLhr]: ['TEMPAT_LAHIR'],
  [ImportColumn.TglLhr]: ['TANGGAL_LAHIR'],
  [ImportColumn.StatKwn]: ['STATUS_KAWIN', 'STATUS_PERKAWINAN'],
  [ImportColumn.PddkAkh]: ['PENDIDIKAN', 'PENDIDIKAN_AKHIR'],
  [ImportColumn.JenisPkrjn]: ['PEKERJAAN'],
  [ImportColumn.StatHbkel]: ['SHDK', 'HUBUNGAN_KELUARGA'],
  [ImportColumn.NoRt]: ['RT'],
  [ImportColumn.NoRw]: ['RW'],
  [ImportColumn.KodeDesa]: ['KODE_KEL', 'KODE_WILAYAH'],
};

/** Where each column of the layout sits in the file, and the header text the file gives it. */
export interface ImportHeader {
  /** Index in the file's records of each layout column the file has. */
  positions: Partial<Record<ImportColumn, number>>;
  /** The header as written in the file, for reports that name a column the way the user sees it. */
  names: Partial<Record<ImportColumn, string>>;
  /** How many fields the header has: a record with another count is malformed. */
  width: number;
}

export type ImportHeaderResult = { ok: true; header: ImportHeader } | { ok: false; errors: FieldError[] };

/** `No. KK`, ` nama lgkp ` and `Stat-Hbkel` read as NO_KK, NAMA_LGKP and STAT_HBKEL. */
export function normalizeHeaderName(name: string): string {
  return name
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const BY_NAME: ReadonlyMap<string, ImportColumn> = new Map(
  IMPORT_COLUMNS.flatMap((column) => [
    [column as string, column] as const,
    ...(IMPORT_COLUMN_ALIASES[column] ?? []).map((alias) => [alias, column] as const),
  ]),
);

const fileError = (code: string, message: string): FieldError => ({ field: 'file', code, message });

/**
 * Reads a file's header row: which layout column each field is. Unknown headers are ignored (SIAK
 * exports carry many more columns); a required column missing, or named twice, is an error.
 */
export function resolveImportHeader(fields: readonly string[]): ImportHeaderResult {
  const positions: Partial<Record<ImportColumn, number>> = {};
  const names: Partial<Record<ImportColumn, string>> = {};
  const errors: FieldError[] = [];
  fields.forEach((raw, index) => {
    const column = BY_NAME.get(normalizeHeaderName(raw));
    if (column === undefined) return;
    if (positions[column] !== undefined) {
      errors.push(fileError('duplicateColumn', `column ${column} appears twice in the header`));
      return;
    }
    positions[column] = index;
    names[column] = raw.trim();
  });
  for (const column of REQUIRED_IMPORT_COLUMNS) {
    if (positions[column] === undefined)
      errors.push(fileError('missingColumn', `the header has no ${column} column`));
  }
  const hasParts = VILLAGE_PART_COLUMNS.every((c) => positions[c] !== undefined);
  if (positions[ImportColumn.KodeDesa] === undefined && !hasParts) {
    errors.push(
      fileError(
        'missingColumn',
        'the header has no village: give KODE_DESA, or NO_PROP, NO_KAB, NO_KEC and NO_KEL',
      ),
    );
  }
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, header: { positions, names, width: fields.length } };
}

/** A file record as the row that travels: the layout's columns in order, '' where the file has none. */
export function toImportValues(header: ImportHeader, record: readonly string[]): string[] {
  return IMPORT_COLUMNS.map((column) => {
    const at = header.positions[column];
    return at === undefined ? '' : (record[at] ?? '');
  });
}
