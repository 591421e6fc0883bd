import { addDays, addYears, daysBetween, laterOf } from './dates';

describe('calendar dates', () => {
  it(`${addDays.name} crosses months, leap days and years`, () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it(`${daysBetween.name} counts whole days, negative backwards`, () => {
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-01-10', '2026-01-01')).toBe(-9);
  });

  it(`${addYears.name} keeps the day, and moves 29 February to 1 March`, () => {
    expect(addYears('2021-06-15', 5)).toBe('2026-06-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-03-01');
  });

  it(`${laterOf.name} ignores a missing date`, () => {
    expect(laterOf('2026-01-01', null)).toBe('2026-01-01');
    expect(laterOf('2026-01-01', '2026-02-01')).toBe('2026-02-01');
    expect(laterOf('2026-03-01', '2026-02-01')).toBe('2026-03-01');
  });
});
