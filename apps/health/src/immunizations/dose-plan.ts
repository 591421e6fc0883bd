import { DoseStatus } from '@terpadu/contracts';
import { addDays, laterOf } from '../common/dates';

/** One dose of a schedule version, as the schedule data holds it (ages in days from birth). */
export interface DoseRule {
  vaccine: string;
  dose: number;
  label: string;
  earliestAgeDays: number;
  recommendedAgeDays: number;
  /** Days after the recommended day (or the interval) before a dose not given is overdue. */
  graceDays: number;
  /** After this age the dose may no longer be given: missed. Null: no upper age. */
  latestAgeDays: number | null;
  /** Days since the previous dose of the same vaccine. Null for a first dose. */
  minIntervalDays: number | null;
  /** Region-code prefixes where the dose applies (JE: endemic areas). Null: everywhere. */
  regionPrefixes: string[] | null;
}

export interface DoseDates {
  earliestOn: string;
  dueOn: string;
  overdueFrom: string;
  latestOn: string | null;
}

/** True when the dose belongs in the schedule of a child living in `villageCode`. */
export function appliesTo(rule: Pick<DoseRule, 'regionPrefixes'>, villageCode: string): boolean {
  return rule.regionPrefixes === null || rule.regionPrefixes.some((prefix) => villageCode.startsWith(prefix));
}

/** The dates of a dose from the birth date alone: what a new schedule stores. */
export function datesFromBirth(birthDate: string, rule: DoseRule): DoseDates {
  const dueOn = addDays(birthDate, rule.recommendedAgeDays);
  return {
    earliestOn: addDays(birthDate, rule.earliestAgeDays),
    dueOn,
    overdueFrom: addDays(dueOn, rule.graceDays),
    latestOn: rule.latestAgeDays === null ? null : addDays(birthDate, rule.latestAgeDays),
  };
}

/**
 * The dates once the previous dose of the same vaccine is given: neither the earliest nor the due
 * day may come before the minimum interval since it; overdue follows the due day by the grace days.
 */
export function datesAfterPrevious(
  base: DoseDates,
  rule: Pick<DoseRule, 'graceDays' | 'minIntervalDays'>,
  previousGivenOn: string | undefined,
): DoseDates {
  if (previousGivenOn === undefined || rule.minIntervalDays === null) return base;
  const afterInterval = addDays(previousGivenOn, rule.minIntervalDays);
  const dueOn = laterOf(base.dueOn, afterInterval);
  return {
    earliestOn: laterOf(base.earliestOn, afterInterval),
    dueOn,
    overdueFrom: laterOf(base.overdueFrom, addDays(dueOn, rule.graceDays)),
    latestOn: base.latestOn,
  };
}

/** Where a dose stands on `asOf` (see DoseStatus for the definitions). */
export function doseStatus(dates: DoseDates, givenOn: string | undefined, asOf: string): DoseStatus {
  if (givenOn !== undefined) return DoseStatus.Given;
  if (dates.latestOn !== null && asOf > dates.latestOn) return DoseStatus.Missed;
  if (asOf >= dates.overdueFrom) return DoseStatus.Overdue;
  if (asOf >= dates.earliestOn) return DoseStatus.Due;
  return DoseStatus.Scheduled;
}

export interface PlannedDose {
  rule: DoseRule;
  /** Stored dates (from the birth date). */
  base: DoseDates;
  /** Recommended before the version's basic age limit (12 months): part of complete basic immunization. */
  basic: boolean;
}

export interface GivenDose {
  vaccine: string;
  dose: number;
  givenOn: string;
}

export interface EvaluatedDose<G extends GivenDose = GivenDose> {
  planned: PlannedDose;
  dates: DoseDates;
  status: DoseStatus;
  given: G | undefined;
}

export interface EvaluatedPlan<G extends GivenDose = GivenDose> {
  doses: EvaluatedDose<G>[];
  /** Every basic dose is given. */
  completeBasicImmunization: boolean;
  /** No dose is overdue or missed. */
  upToDate: boolean;
  overdueDoses: number;
  /** The first dose neither given nor missed, by due day. */
  nextDose: EvaluatedDose<G> | undefined;
}

export const doseKey = (vaccine: string, dose: number): string => `${vaccine}#${dose}`;

/** Every dose of a child's plan with its dates and status on `asOf`, given what was recorded. */
export function evaluatePlan<G extends GivenDose>(
  planned: PlannedDose[],
  records: G[],
  asOf: string,
): EvaluatedPlan<G> {
  const given = new Map(records.map((r) => [doseKey(r.vaccine, r.dose), r]));
  const doses = planned.map((p): EvaluatedDose<G> => {
    const record = given.get(doseKey(p.rule.vaccine, p.rule.dose));
    const previous = given.get(doseKey(p.rule.vaccine, p.rule.dose - 1));
    const dates = datesAfterPrevious(p.base, p.rule, previous?.givenOn);
    return { planned: p, dates, status: doseStatus(dates, record?.givenOn, asOf), given: record };
  });
  const open = doses
    .filter((d) => d.status !== DoseStatus.Given && d.status !== DoseStatus.Missed)
    .sort((a, b) => a.dates.dueOn.localeCompare(b.dates.dueOn));
  const overdueDoses = doses.filter((d) => d.status === DoseStatus.Overdue).length;
  return {
    doses,
    completeBasicImmunization: doses.every((d) => !d.planned.basic || d.status === DoseStatus.Given),
    upToDate: overdueDoses === 0 && doses.every((d) => d.status !== DoseStatus.Missed),
    overdueDoses,
    nextDose: open[0],
  };
}
