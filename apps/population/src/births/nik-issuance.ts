import { Sex } from '@terpadu/contracts';
import type { EntityManager } from 'typeorm';

/** Highest NIK serial (4 digits); 0000 is not a serial. */
export const MAX_NIK_SERIAL = 9999;

/**
 * The first 12 digits of a newborn's NIK: the registering office's district code, then the birth
 * date as DDMMYY with 40 added to the day for a girl.
 */
export function nikPrefix(districtCode: string, birthDate: string, sex: Sex): string {
  if (!/^\d{6}$/.test(districtCode)) throw new Error('districtCode must be 6 digits');
  const date = /^\d{2}(\d{2})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!date) throw new Error('birthDate must be YYYY-MM-DD');
  const [, yy, mm, dd] = date;
  const day = Number(dd) + (sex === Sex.Female ? 40 : 0);
  return `${districtCode}${String(day).padStart(2, '0')}${mm}${yy}`;
}

export function issuedNik(prefix: string, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_NIK_SERIAL) {
    throw new RangeError(`a NIK serial is 1..${MAX_NIK_SERIAL}`);
  }
  return `${prefix}${String(serial).padStart(4, '0')}`;
}

/**
 * The next free serial for a 12-digit NIK prefix: one past both the counter and the highest serial
 * any registered resident already holds under the prefix (NIKs issued elsewhere reach this registry
 * by registration, import or a move in). The upsert locks the counter row until the transaction
 * ends, so concurrent births of one prefix take turns and never share a serial; the row lock is
 * re-checked against the committed counter, so the loser of a wait counts past the winner.
 */
export async function nextNikSerial(m: EntityManager, prefix: string): Promise<number> {
  const rows = await m.query<{ last_serial: number }[]>(
    `WITH taken AS (
       SELECT COALESCE(max(substring(nik FROM 13 FOR 4)::int), 0) AS serial
         FROM residents WHERE nik BETWEEN $1 || '0000' AND $1 || '9999'
     )
     INSERT INTO nik_serials AS s (prefix, last_serial)
     SELECT $1, taken.serial + 1 FROM taken
     ON CONFLICT (prefix) DO UPDATE
       SET last_serial = GREATEST(s.last_serial, (SELECT serial FROM taken)) + 1
     RETURNING last_serial`,
    [prefix],
  );
  return rows[0].last_serial;
}
