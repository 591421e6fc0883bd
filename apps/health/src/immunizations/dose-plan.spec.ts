import { DoseStatus } from '@terpadu/contracts';
import {
  appliesTo,
  datesAfterPrevious,
  datesFromBirth,
  doseStatus,
  type DoseRule,
  evaluatePlan,
  type PlannedDose,
} from './dose-plan';

const rule = (overrides: Partial<DoseRule>): DoseRule => ({
  vaccine: 'DPT_HB_HIB',
  dose: 1,
  label: 'DPT-HB-Hib 1',
  earliestAgeDays: 42,
  recommendedAgeDays: 61,
  graceDays: 28,
  latestAgeDays: null,
  minIntervalDays: null,
  regionPrefixes: null,
  ...overrides,
});

describe(datesFromBirth.name, () => {
  it('counts ages in days from the birth date (day 0)', () => {
    expect(datesFromBirth('2026-11-29', rule({ latestAgeDays: 156 }))).toEqual({
      earliestOn: '2027-01-10',
      dueOn: '2027-01-29',
      overdueFrom: '2027-02-26',
      latestOn: '2027-05-04',
    });
  });
});

describe(datesAfterPrevious.name, () => {
  const second = rule({ dose: 2, earliestAgeDays: 70, recommendedAgeDays: 91, minIntervalDays: 28 });
  const base = datesFromBirth('2026-11-29', second);

  it('keeps the dates when the previous dose left the interval free', () => {
    expect(datesAfterPrevious(base, second, '2027-01-10')).toEqual(base);
  });

  it('moves earliest, due and overdue days behind a late previous dose, never the latest day', () => {
    expect(datesAfterPrevious({ ...base, latestOn: '2027-06-01' }, second, '2027-02-20')).toEqual({
      earliestOn: '2027-03-20',
      dueOn: '2027-03-20',
      overdueFrom: '2027-04-17',
      latestOn: '2027-06-01',
    });
  });

  it('ignores the previous dose for a dose without an interval', () => {
    expect(datesAfterPrevious(base, rule({}), '2027-02-20')).toEqual(base);
  });
});

describe(doseStatus.name, () => {
  const dates = {
    earliestOn: '2027-01-10',
    dueOn: '2027-01-29',
    overdueFrom: '2027-02-26',
    latestOn: '2027-05-04',
  };

  it.each([
    ['2027-01-09', DoseStatus.Scheduled],
    ['2027-01-10', DoseStatus.Due],
    ['2027-02-25', DoseStatus.Due],
    ['2027-02-26', DoseStatus.Overdue],
    ['2027-05-04', DoseStatus.Overdue],
    ['2027-05-05', DoseStatus.Missed],
  ])('on %s reads %s', (asOf, status) => {
    expect(doseStatus(dates, undefined, asOf)).toBe(status);
  });

  it('reads GIVEN once given, whatever the day', () => {
    expect(doseStatus(dates, '2027-01-20', '2030-01-01')).toBe(DoseStatus.Given);
  });

  it('never reads a dose without a latest day as missed', () => {
    expect(doseStatus({ ...dates, latestOn: null }, undefined, '2035-01-01')).toBe(DoseStatus.Overdue);
  });
});

describe(appliesTo.name, () => {
  it('applies a dose without regions everywhere, a regional dose only inside its prefixes', () => {
    expect(appliesTo({ regionPrefixes: null }, '3174041003')).toBe(true);
    expect(appliesTo({ regionPrefixes: ['51'] }, '5171011001')).toBe(true);
    expect(appliesTo({ regionPrefixes: ['51'] }, '3174041003')).toBe(false);
  });
});

describe(evaluatePlan.name, () => {
  const plan = (r: DoseRule, basic: boolean): PlannedDose => ({
    rule: r,
    base: datesFromBirth('2026-01-01', r),
    basic,
  });
  const planned = [
    plan(
      rule({
        vaccine: 'HB0',
        label: 'HB-0',
        earliestAgeDays: 0,
        recommendedAgeDays: 0,
        graceDays: 1,
        latestAgeDays: 7,
      }),
      true,
    ),
    plan(rule({ vaccine: 'BCG', label: 'BCG', earliestAgeDays: 0, recommendedAgeDays: 30 }), true),
    plan(
      rule({ vaccine: 'PCV', dose: 3, label: 'PCV-3', earliestAgeDays: 274, recommendedAgeDays: 365 }),
      false,
    ),
  ];

  it('is complete when every basic dose is given, and up to date without overdue or missed doses', () => {
    const given = [
      { vaccine: 'HB0', dose: 1, givenOn: '2026-01-01' },
      { vaccine: 'BCG', dose: 1, givenOn: '2026-02-01' },
    ];
    const result = evaluatePlan(planned, given, '2026-06-01');
    expect(result).toMatchObject({ completeBasicImmunization: true, upToDate: true, overdueDoses: 0 });
    expect(result.nextDose?.planned.rule.label).toBe('PCV-3');
  });

  it('is neither with a missed basic dose; the next dose skips given and missed ones', () => {
    const result = evaluatePlan(planned, [], '2026-03-01');
    expect(result.doses.map((d) => d.status)).toEqual([
      DoseStatus.Missed,
      DoseStatus.Overdue,
      DoseStatus.Scheduled,
    ]);
    expect(result).toMatchObject({ completeBasicImmunization: false, upToDate: false, overdueDoses: 1 });
    expect(result.nextDose?.planned.rule.label).toBe('BCG');
  });
});
