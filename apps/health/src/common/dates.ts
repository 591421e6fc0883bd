/**
 * Arithmetic on calendar dates `YYYY-MM-DD`, done in UTC so that no time zone or daylight-saving
 * shift can move a date. Ages are whole days between two calendar dates.
 */
const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  const date = new Date(ms);
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** The same day `years` later; 29 February becomes 1 March in a year without it. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return fromUtc(Date.UTC(y + years, m - 1, d));
}

/** The later of two dates (`b` may be absent). */
export function laterOf(a: string, b: string | null | undefined): string {
  return b != null && b > a ? b : a;
}
