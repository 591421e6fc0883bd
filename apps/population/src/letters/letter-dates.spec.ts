import { formatIndonesianDate, lastValidDay } from './letter-dates';

describe(lastValidDay.name, () => {
  it.each([
    ['2026-11-30', 12, '2027-11-29'],
    ['2026-01-01', 12, '2026-12-31'],
    ['2026-03-01', 1, '2026-03-31'],
    ['2026-01-31', 1, '2026-02-27'],
    ['2024-02-29', 12, '2025-02-27'],
    ['2026-08-31', 6, '2027-02-27'],
    ['2026-12-15', 1, '2027-01-14'],
  ])('from %s for %i months: until %s', (from, months, until) => {
    expect(lastValidDay(from, months)).toBe(until);
  });
});

describe(formatIndonesianDate.name, () => {
  it.each([
    ['2026-11-30', '30 November 2026'],
    ['2026-01-05', '5 Januari 2026'],
    ['2025-08-17', '17 Agustus 2025'],
  ])('%s is %s', (iso, text) => {
    expect(formatIndonesianDate(iso)).toBe(text);
  });
});
