import type { EntityManager } from 'typeorm';

/** Register codes of certificate numbers: LU (lahir umum) for births, KM (kematian) for deaths. */
export type CertificateRegister = 'LU' | 'KM';

/**
 * The next certificate number of a register at a district for a registration date:
 * `<district code>-<LU|KM>-<DDMMYYYY>-<serial of the day, 4 digits or more>`, e.g.
 * `317404-LU-30112026-0001`. The counter row is incremented inside the registering transaction, so
 * numbers are gap-free and unique under concurrency: a rolled-back registration gives its number back.
 */
export async function nextCertificateNumber(
  m: EntityManager,
  register: CertificateRegister,
  districtCode: string,
  registeredOn: string,
): Promise<string> {
  const [year, month, day] = registeredOn.split('-');
  const prefix = `${districtCode}-${register}-${day}${month}${year}`;
  const rows = await m.query<{ last_serial: number }[]>(
    `INSERT INTO certificate_serials (prefix, last_serial) VALUES ($1, 1)
     ON CONFLICT (prefix) DO UPDATE SET last_serial = certificate_serials.last_serial + 1
     RETURNING last_serial`,
    [prefix],
  );
  return `${prefix}-${String(rows[0].last_serial).padStart(4, '0')}`;
}
