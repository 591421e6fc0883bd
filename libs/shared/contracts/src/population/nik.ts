import { registerDecorator, type ValidationOptions } from 'class-validator';
import { NikWarningCode, Sex } from './enums';
import { PROVINCES } from './provinces';

/** Why a NIK is not a NIK. Each maps to a sentence a registrar can act on. */
export enum NikErrorReason {
  Format = 'FORMAT',
  UnknownProvince = 'UNKNOWN_PROVINCE',
  InvalidDate = 'INVALID_DATE',
  InvalidSerial = 'INVALID_SERIAL',
}

export interface ParsedNik {
  nik: string;
  provinceCode: string;
  /** 4 digits: province + regency. */
  regencyCode: string;
  /** 6 digits: province + regency + district where the NIK was issued. */
  districtCode: string;
  /** ISO date `YYYY-MM-DD` encoded in the NIK, century resolved. */
  birthDate: string;
  sex: Sex;
  serial: string;
  warnings: NikWarningCode[];
}

export type NikParseResult =
  { ok: true; value: ParsedNik } | { ok: false; reason: NikErrorReason; message: string };

const MESSAGES: Record<NikErrorReason, string> = {
  [NikErrorReason.Format]: 'a NIK is 16 digits',
  [NikErrorReason.UnknownProvince]: 'the first two digits are not a province code',
  [NikErrorReason.InvalidDate]: 'digits 7-12 do not encode a real birth date (day 01-31, or 41-71 for women)',
  [NikErrorReason.InvalidSerial]: 'the serial (last four digits) cannot be 0000',
};

/** Strips the spaces and dots people type into a NIK (`3171 0117 0845 0001`, `31.71.01...`). */
export function normalizeNik(raw: string): string {
  return raw.replace(/[\s.]/g, '');
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Parses a NIK (`PP KK CC DD MM YY SSSS`). The two-digit year takes the latest century in which the
 * encoded date is not after `today` (an ISO date; pass the registry's clock, not the wall clock, in
 * tests). Dates are handled as calendar dates, never through a time zone.
 */
export function parseNik(raw: string, today: string): NikParseResult {
  const nik = normalizeNik(raw);
  const fail = (reason: NikErrorReason): NikParseResult => ({ ok: false, reason, message: MESSAGES[reason] });
  if (!/^\d{16}$/.test(nik)) return fail(NikErrorReason.Format);

  const provinceCode = nik.slice(0, 2);
  if (!(provinceCode in PROVINCES)) return fail(NikErrorReason.UnknownProvince);

  const encodedDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex = encodedDay > 40 ? Sex.Female : Sex.Male;
  const day = sex === Sex.Female ? encodedDay - 40 : encodedDay;
  if (encodedDay > 71 || (encodedDay > 31 && encodedDay < 41)) return fail(NikErrorReason.InvalidDate);

  const candidate = `20${pad(yy)}-${pad(month)}-${pad(day)}`;
  const year = candidate <= today ? 2000 + yy : 1900 + yy;
  if (!isRealDate(year, month, day)) return fail(NikErrorReason.InvalidDate);

  const serial = nik.slice(12, 16);
  if (serial === '0000') return fail(NikErrorReason.InvalidSerial);

  const warnings: NikWarningCode[] = [];
  const regency = Number(nik.slice(2, 4));
  if (regency === 0 || regency === 70) warnings.push(NikWarningCode.UnknownRegency);
  if (nik.slice(4, 6) === '00') warnings.push(NikWarningCode.UnknownDistrict);

  return {
    ok: true,
    value: {
      nik,
      provinceCode,
      regencyCode: nik.slice(0, 4),
      districtCode: nik.slice(0, 6),
      birthDate: `${year}-${pad(month)}-${pad(day)}`,
      sex,
      serial,
      warnings,
    },
  };
}

/** Today's date in UTC as `YYYY-MM-DD`; the default clock for validation outside the registry. */
export function todayIsoDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * class-validator decorator: the value is a valid NIK (after stripping spaces and dots). The
 * message names the rule that failed; the constraint code is `INVALID_NIK`.
 */
export function IsNik(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isNik',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseNik(value, todayIsoDate()).ok,
        defaultMessage: (args) => {
          const value: unknown = args?.value;
          if (typeof value !== 'string') return `${args?.property ?? 'nik'} must be a string of 16 digits`;
          const result = parseNik(value, todayIsoDate());
          return result.ok ? '' : `${args?.property ?? 'nik'} is invalid: ${result.message}`;
        },
      },
    });
  };
}
