const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

function parts(isoDate: string): [number, number, number] {
  const [y, m, d] = isoDate.split('-').map(Number);
  return [y, m, d];
}

const iso = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * The last valid day of a letter valid for `months` from `from` (both calendar dates): the day
 * before the same date `months` later, clamped to the month's end (from 2026-11-30 for 12 months:
 * until 2027-11-29; from 2026-01-31 for 1 month: until 2026-02-27). Pure calendar arithmetic in UTC.
 */
export function lastValidDay(from: string, months: number): string {
  const [y, m, d] = parts(from);
  const lastOfTarget = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  const same = new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastOfTarget)));
  same.setUTCDate(same.getUTCDate() - 1);
  return iso(same);
}

/** `2026-11-30` -> `30 November 2026`, as Indonesian letters print dates. */
export function formatIndonesianDate(isoDate: string): string {
  const [y, m, d] = parts(isoDate);
  return `${d} ${MONTHS_ID[m - 1]} ${y}`;
}
