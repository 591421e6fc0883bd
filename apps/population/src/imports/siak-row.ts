import {
  EducationLevel,
  FamilyRelationship,
  type FieldError,
  IMPORT_COLUMNS,
  ImportColumn,
  ImportRejectReason,
  MaritalStatus,
  parseNik,
  PROVINCES,
  type RegisterResidentDto,
  Religion,
  Sex,
} from '@terpadu/contracts';

/** A row of a SIAK export read into a registration, with the family card it belongs to. */
export interface SiakRow {
  nik: string;
  resident: RegisterResidentDto;
  familyCardNumber: string;
  /** The issue date the KK number encodes (DDMMYY, century resolved like a NIK's). */
  familyCardIssuedOn: string;
  relationship: FamilyRelationship;
}

/** Why a row cannot be imported, and the layout column at fault (null: the record as a whole). */
export interface RowRejection {
  reason: ImportRejectReason;
  column: ImportColumn | null;
  message: string;
}

export type SiakRowResult = { ok: true; row: SiakRow } | { ok: false; rejection: RowRejection };

/** `Laki-laki`, ` LAKI LAKI ` and `laki_laki` read alike: upper case, runs of anything else one space. */
export function vocabularyKey(value: string): string {
  return value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** A vocabulary: our enum values (in any spelling) and SIAK's written forms and numeric codes. */
function vocabulary<T extends string>(
  values: readonly T[],
  siak: Record<T, readonly string[]>,
): Map<string, T> {
  const map = new Map<string, T>();
  for (const value of values) {
    map.set(vocabularyKey(value), value);
    for (const spelling of siak[value]) map.set(vocabularyKey(spelling), value);
  }
  return map;
}

const SEX = vocabulary(Object.values(Sex), {
  [Sex.Male]: ['1', 'L', 'LAKI-LAKI', 'LAKI LAKI', 'PRIA'],
  [Sex.Female]: ['2', 'P', 'PEREMPUAN', 'WANITA'],
});

const RELIGION = vocabulary(Object.values(Religion), {
  [Religion.Islam]: ['1'],
  [Religion.Kristen]: ['2', 'KRISTEN PROTESTAN', 'PROTESTAN'],
  [Religion.Katolik]: ['3', 'KATHOLIK', 'KRISTEN KATOLIK'],
  [Religion.Hindu]: ['4'],
  [Religion.Buddha]: ['5', 'BUDHA'],
  [Religion.Konghucu]: ['6', 'KHONGHUCU', 'KONG HU CU'],
  [Religion.Kepercayaan]: [
    '7',
    'KEPERCAYAAN TERHADAP TUHAN YME',
    'KEPERCAYAAN TERHADAP TUHAN YANG MAHA ESA',
    'ALIRAN KEPERCAYAAN',
  ],
});

const MARITAL_STATUS = vocabulary(Object.values(MaritalStatus), {
  [MaritalStatus.BelumKawin]: ['1', 'BELUM KAWIN'],
  [MaritalStatus.Kawin]: ['2', 'KAWIN TERCATAT', 'KAWIN BELUM TERCATAT'],
  [MaritalStatus.CeraiHidup]: ['3', 'CERAI HIDUP TERCATAT', 'CERAI HIDUP BELUM TERCATAT'],
  [MaritalStatus.CeraiMati]: ['4'],
});

const EDUCATION = vocabulary(Object.values(EducationLevel), {
  [EducationLevel.TidakSekolah]: ['1', 'TIDAK/BELUM SEKOLAH', 'BELUM SEKOLAH', 'TIDAK SEKOLAH'],
  [EducationLevel.BelumTamatSd]: ['2', 'BELUM TAMAT SD/SEDERAJAT'],
  [EducationLevel.Sd]: ['3', 'TAMAT SD/SEDERAJAT', 'TAMAT SD'],
  [EducationLevel.Smp]: ['4', 'SLTP/SEDERAJAT', 'SLTP', 'SMP/SEDERAJAT'],
  [EducationLevel.Sma]: ['5', 'SLTA/SEDERAJAT', 'SLTA', 'SMA/SEDERAJAT', 'SMK'],
  [EducationLevel.D1D2]: ['6', 'DIPLOMA I/II', 'DIPLOMA I', 'DIPLOMA II', 'D1', 'D2'],
  [EducationLevel.D3]: [
    '7',
    'AKADEMI/DIPLOMA III/S. MUDA',
    'AKADEMI/DIPLOMA III/SARJANA MUDA',
    'DIPLOMA III',
  ],
  [EducationLevel.D4S1]: ['8', 'DIPLOMA IV/STRATA I', 'DIPLOMA IV', 'STRATA I', 'S1', 'D4'],
  [EducationLevel.S2]: ['9', 'STRATA II'],
  [EducationLevel.S3]: ['10', 'STRATA III'],
});

const RELATIONSHIP = vocabulary(Object.values(FamilyRelationship), {
  [FamilyRelationship.KepalaKeluarga]: ['1', 'KEPALA KELUARGA', 'KK'],
  [FamilyRelationship.Suami]: ['2'],
  [FamilyRelationship.Istri]: ['3', 'ISTERI'],
  [FamilyRelationship.Anak]: ['4'],
  [FamilyRelationship.Menantu]: ['5'],
  [FamilyRelationship.Cucu]: ['6'],
  [FamilyRelationship.OrangTua]: ['7', 'ORANG TUA'],
  [FamilyRelationship.Mertua]: ['8'],
  [FamilyRelationship.FamiliLain]: ['9', 'FAMILI LAIN'],
  [FamilyRelationship.Pembantu]: ['10'],
  [FamilyRelationship.Lainnya]: ['11'],
});

/** STAT_HBKEL says the row heads its family card; read before anything else, to order a family's rows. */
export function isHeadOfFamily(values: readonly string[]): boolean {
  const at = IMPORT_COLUMNS.indexOf(ImportColumn.StatHbkel);
  return RELATIONSHIP.get(vocabularyKey(values[at] ?? '')) === FamilyRelationship.KepalaKeluarga;
}

/** NO_KK as rows of one family share it (spaces and dots stripped), whether or not it is a valid number. */
export function familyCardKey(values: readonly string[]): string {
  const at = IMPORT_COLUMNS.indexOf(ImportColumn.NoKk);
  return (values[at] ?? '').replace(/[\s.]/g, '').slice(0, 40);
}

/** The NIK of a row when it has the shape of one (16 digits once spaces and dots are stripped). */
export function nikOfRow(values: readonly string[]): string | null {
  const nik = (values[IMPORT_COLUMNS.indexOf(ImportColumn.Nik)] ?? '').replace(/[\s.]/g, '');
  return /^\d{16}$/.test(nik) ? nik : null;
}

/** The column a field of RegisterResidentDto comes from. */
const FIELD_COLUMNS: Readonly<Record<string, ImportColumn>> = {
  nik: ImportColumn.Nik,
  fullName: ImportColumn.NamaLgkp,
  birthPlace: ImportColumn.TmptLhr,
  birthDate: ImportColumn.TglLhr,
  sex: ImportColumn.JenisKlmin,
  religion: ImportColumn.Agama,
  maritalStatus: ImportColumn.StatKwn,
  occupation: ImportColumn.JenisPkrjn,
  educationLevel: ImportColumn.PddkAkh,
  'address.villageCode': ImportColumn.KodeDesa,
  'address.rt': ImportColumn.NoRt,
  'address.rw': ImportColumn.NoRw,
  'address.hamlet': ImportColumn.Dusun,
  'address.street': ImportColumn.Alamat,
};

/** Validation constraint codes (class-validator's and the services') that have their own reason. */
const CODE_REASONS: Readonly<Record<string, ImportRejectReason>> = {
  isNik: ImportRejectReason.InvalidNik,
  isNotEmpty: ImportRejectReason.MissingValue,
  notInFuture: ImportRejectReason.InvalidDate,
  isDateString: ImportRejectReason.InvalidDate,
  unknownVillage: ImportRejectReason.UnknownVillage,
  retiredVillage: ImportRejectReason.UnknownVillage,
  withinJurisdiction: ImportRejectReason.OutsideJurisdiction,
};

/**
 * The rejection for a registration's field error (from the DTO's rules or the registry's): the
 * field's column, and a reason from its constraint code. `villageColumn` is the column the row's
 * village came from (KODE_DESA, or NO_KEL when the file spells it in parts).
 */
export function rejectionForFieldError(error: FieldError, villageColumn: ImportColumn): RowRejection {
  const column = FIELD_COLUMNS[error.field] ?? null;
  return {
    reason: CODE_REASONS[error.code] ?? ImportRejectReason.InvalidFormat,
    column: column === ImportColumn.KodeDesa ? villageColumn : column,
    message: error.message,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `17-08-1945`, `17/08/1945`, `1945-08-17` (and single-digit days or months) as `1945-08-17`. */
export function parseSiakDate(value: string): string | undefined {
  const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const [year, month, day] = dmy
    ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])]
    : ymd
      ? [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])]
      : [0, 0, 0];
  if (year === 0 || !isRealDate(year, month, day)) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * A KK number: 16 digits (spaces and dots stripped), a province code, the issue date DDMMYY (no
 * +40; the century is the latest one not after `today`) and a serial from 0001.
 */
export function parseFamilyCardNumber(
  raw: string,
  today: string,
): { ok: true; number: string; issuedOn: string } | { ok: false; message: string } {
  const number = raw.replace(/[\s.]/g, '');
  if (!/^\d{16}$/.test(number)) return { ok: false, message: 'a KK number is 16 digits' };
  if (!(number.slice(0, 2) in PROVINCES))
    return { ok: false, message: 'the first two digits of the KK number are not a province code' };
  const day = Number(number.slice(6, 8));
  const month = Number(number.slice(8, 10));
  const yy = Number(number.slice(10, 12));
  const candidate = `20${pad(yy)}-${pad(month)}-${pad(day)}`;
  const year = candidate <= today ? 2000 + yy : 1900 + yy;
  if (!isRealDate(year, month, day))
    return { ok: false, message: 'digits 7-12 of the KK number are not a real issue date (DDMMYY)' };
  if (number.slice(12) === '0000') return { ok: false, message: 'the KK serial cannot be 0000' };
  return { ok: true, number, issuedOn: `${year}-${pad(month)}-${pad(day)}` };
}

/** `3`, `03` and `003` are RT 003; 0 and anything else than 1-3 digits are not. */
function neighbourhoodUnit(value: string): string | undefined {
  return /^\d{1,3}$/.test(value) && Number(value) > 0 ? value.padStart(3, '0') : undefined;
}

class Rejected extends Error {
  constructor(readonly rejection: RowRejection) {
    super(rejection.message);
  }
}

function reject(reason: ImportRejectReason, column: ImportColumn | null, message: string): never {
  throw new Rejected({ reason, column, message });
}

/**
 * Reads one row (values in IMPORT_COLUMNS order) into a registration. Columns are checked in
 * layout order and the first fault is the row's rejection; the registration's own rules (lengths,
 * future dates, jurisdiction, village) are the registry's and are checked after this.
 * `villageColumn` is KODE_DESA when the file has that column, else NO_KEL.
 */
export function readSiakRow(
  values: readonly string[],
  today: string,
  villageColumn: ImportColumn,
): SiakRowResult {
  try {
    return { ok: true, row: read(values, today, villageColumn) };
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, rejection: error.rejection };
    throw error;
  }
}

function read(values: readonly string[], today: string, villageColumn: ImportColumn): SiakRow {
  const raw = new Map(IMPORT_COLUMNS.map((column, i) => [column, (values[i] ?? '').trim()]));
  const value = (column: ImportColumn): string => raw.get(column) ?? '';
  const required = (column: ImportColumn): string => {
    const v = value(column);
    return v.length > 0 ? v : reject(ImportRejectReason.MissingValue, column, `${column} is empty`);
  };
  const term = <T>(column: ImportColumn, terms: Map<string, T>): T =>
    terms.get(vocabularyKey(required(column))) ??
    reject(ImportRejectReason.UnknownValue, column, `${column} is not a value SIAK uses for this column`);

  const card = parseFamilyCardNumber(required(ImportColumn.NoKk), today);
  if (!card.ok) reject(ImportRejectReason.InvalidFormat, ImportColumn.NoKk, card.message);

  const nik = parseNik(required(ImportColumn.Nik), today);
  if (!nik.ok) reject(ImportRejectReason.InvalidNik, ImportColumn.Nik, `NIK is invalid: ${nik.message}`);
  const nikValue = nik.value.nik;

  const fullName = required(ImportColumn.NamaLgkp);
  const sex = term(ImportColumn.JenisKlmin, SEX);
  const birthPlace = required(ImportColumn.TmptLhr);
  const birthDate =
    parseSiakDate(required(ImportColumn.TglLhr)) ??
    reject(ImportRejectReason.InvalidDate, ImportColumn.TglLhr, 'TGL_LHR is not a real date (dd-mm-yyyy)');
  const religion = term(ImportColumn.Agama, RELIGION);
  const maritalStatus = term(ImportColumn.StatKwn, MARITAL_STATUS);
  const educationLevel = term(ImportColumn.PddkAkh, EDUCATION);
  const occupation = required(ImportColumn.JenisPkrjn);
  if (/^\d+$/.test(occupation)) {
    reject(
      ImportRejectReason.UnknownValue,
      ImportColumn.JenisPkrjn,
      'JENIS_PKRJN must be written out (e.g. KARYAWAN SWASTA); SIAK occupation codes are not read',
    );
  }
  const relationship = term(ImportColumn.StatHbkel, RELATIONSHIP);
  const street = required(ImportColumn.Alamat);
  const rt =
    neighbourhoodUnit(required(ImportColumn.NoRt)) ??
    reject(ImportRejectReason.InvalidFormat, ImportColumn.NoRt, 'NO_RT must be 1 to 3 digits, not 0');
  const rw =
    neighbourhoodUnit(required(ImportColumn.NoRw)) ??
    reject(ImportRejectReason.InvalidFormat, ImportColumn.NoRw, 'NO_RW must be 1 to 3 digits, not 0');
  const hamlet = value(ImportColumn.Dusun);

  return {
    nik: nikValue,
    resident: {
      nik: nikValue,
      fullName,
      birthPlace,
      birthDate,
      sex,
      religion,
      maritalStatus,
      occupation,
      educationLevel,
      address: {
        villageCode: villageCode(value, villageColumn),
        rt,
        rw,
        ...(hamlet.length > 0 ? { hamlet } : {}),
        street,
      },
    },
    familyCardNumber: card.number,
    familyCardIssuedOn: card.issuedOn,
    relationship,
  };
}

/** KODE_DESA (`3174091005` or `31.74.09.1005`), or NO_PROP + NO_KAB + NO_KEC + NO_KEL padded to 2+2+2+4. */
function villageCode(value: (column: ImportColumn) => string, villageColumn: ImportColumn): string {
  if (villageColumn === ImportColumn.KodeDesa) {
    const raw = value(ImportColumn.KodeDesa);
    if (raw.length === 0) reject(ImportRejectReason.MissingValue, villageColumn, 'KODE_DESA is empty');
    const code = raw.replace(/[\s.]/g, '');
    return /^\d{10}$/.test(code)
      ? code
      : reject(ImportRejectReason.InvalidFormat, villageColumn, 'KODE_DESA must be a 10-digit village code');
  }
  const parts: [ImportColumn, number][] = [
    [ImportColumn.NoProp, 2],
    [ImportColumn.NoKab, 2],
    [ImportColumn.NoKec, 2],
    [ImportColumn.NoKel, 4],
  ];
  return parts
    .map(([column, width]) => {
      const part = value(column);
      if (part.length === 0) reject(ImportRejectReason.MissingValue, column, `${column} is empty`);
      if (!/^\d+$/.test(part) || part.length > width) {
        reject(
          ImportRejectReason.InvalidFormat,
          column,
          `${column} must be a number of at most ${width} digits`,
        );
      }
      return part.padStart(width, '0');
    })
    .join('');
}
