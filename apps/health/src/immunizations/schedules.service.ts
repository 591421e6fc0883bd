import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ScheduleOrigin, ScheduleStatus } from '@terpadu/contracts';
import type { EntityManager } from 'typeorm';
import { Clock } from '@terpadu/clock';
import { addYears } from '../common/dates';
import type { Person } from '@terpadu/person-projection';
import { ChildSchedule } from './child-schedule.entity';
import { appliesTo, datesFromBirth, type PlannedDose } from './dose-plan';
import { ScheduleDoseRule } from './schedule-dose-rule.entity';
import { ScheduleVersion } from './schedule-version.entity';
import { ScheduledDose } from './scheduled-dose.entity';

/** Children get a schedule while younger than this (in whole years) on the day they become known. */
const SCHEDULE_UNTIL_AGE_YEARS = 5;

export interface LoadedPlan {
  schedule: ChildSchedule;
  version: ScheduleVersion;
  planned: PlannedDose[];
}

/** True when a child born on `birthDate` is under 5 on `onDate`. */
export function underFive(birthDate: string, onDate: string): boolean {
  return addYears(birthDate, SCHEDULE_UNTIL_AGE_YEARS) > onDate;
}

/**
 * Children's immunization schedules: made from the schedule data when a child becomes known
 * (birth, or registered or moved in under 5), re-dated when the birth date is corrected, closed
 * by death, transferred on moving out, reopened on moving back in.
 */
@Injectable()
export class SchedulesService {
  /** Versions never change once children follow them (a change is a new version): read each once. */
  private readonly versions = new Map<
    string,
    Promise<{ version: ScheduleVersion; rules: ScheduleDoseRule[] }>
  >();

  constructor(private readonly clock: Clock) {}

  /** A version and its doses, in schedule order (cached: versions are immutable data). */
  private data(
    m: EntityManager,
    version: string,
  ): Promise<{ version: ScheduleVersion; rules: ScheduleDoseRule[] }> {
    let cached = this.versions.get(version);
    if (!cached) {
      cached = (async () => ({
        version: await m.findOneByOrFail(ScheduleVersion, { version }),
        rules: await m.find(ScheduleDoseRule, {
          where: { version },
          order: { recommendedAgeDays: 'ASC', vaccine: 'ASC', dose: 'ASC' },
        }),
      }))();
      this.versions.set(version, cached);
      cached.catch(() => this.versions.delete(version));
    }
    return cached;
  }

  /** The version in force on `onDate` (the latest that took effect by then; the first one before any). */
  async versionOn(m: EntityManager, onDate: string): Promise<ScheduleVersion> {
    const version =
      (await m
        .createQueryBuilder(ScheduleVersion, 'v')
        .where('v.effective_from <= :onDate', { onDate })
        .orderBy('v.effective_from', 'DESC')
        .getOne()) ??
      (await m.createQueryBuilder(ScheduleVersion, 'v').orderBy('v.effective_from', 'ASC').getOne());
    if (!version) throw new Error('No immunization schedule version in the database: run the migrations');
    return version;
  }

  /** The doses of `version` that apply to a child living in `villageCode`, in schedule order. */
  async rulesFor(m: EntityManager, version: string, villageCode: string): Promise<ScheduleDoseRule[]> {
    const { rules } = await this.data(m, version);
    return rules.filter((rule) => appliesTo(rule, villageCode));
  }

  /**
   * Gives the child a schedule unless they have one (one per child, whatever the number of events
   * naming them): a newborn always, anyone else only when under 5 on `onDate`. An existing
   * schedule transferred away is reopened when the child moves back in.
   */
  async ensure(m: EntityManager, child: Person, origin: ScheduleOrigin, onDate: string): Promise<void> {
    if (!underFive(child.birthDate, onDate)) return;
    const version = await this.versionOn(m, onDate);
    const scheduleId = randomUUID();
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(ChildSchedule)
      .values({
        id: scheduleId,
        residentId: child.residentId,
        version: version.version,
        origin,
        status: ScheduleStatus.Open,
        statusChangedOn: null,
        createdAt: this.clock.now(),
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    if (inserted.raw && (inserted.raw as unknown[]).length > 0) {
      const rules = await this.rulesFor(m, version.version, child.villageCode);
      await m.insert(
        ScheduledDose,
        rules.map((rule) => ({
          scheduleId,
          vaccine: rule.vaccine,
          dose: rule.dose,
          ...datesFromBirth(child.birthDate, rule),
        })),
      );
      return;
    }
    const existing = await m.findOneByOrFail(ChildSchedule, { residentId: child.residentId });
    if (origin === ScheduleOrigin.Birth && existing.origin !== ScheduleOrigin.Birth) {
      // The birth and the child's registration arrive in either order; the birth names the origin.
      await m.update(ChildSchedule, { id: existing.id }, { origin });
    }
    if (origin === ScheduleOrigin.MovedIn && existing.status === ScheduleStatus.Transferred) {
      await m.update(
        ChildSchedule,
        { id: existing.id },
        { status: ScheduleStatus.Open, statusChangedOn: null },
      );
    }
  }

  /** Recomputes the planned dates after a correction of the birth date. */
  async redate(m: EntityManager, child: Person): Promise<void> {
    const schedule = await m.findOneBy(ChildSchedule, { residentId: child.residentId });
    if (!schedule) return;
    const { rules } = await this.data(m, schedule.version);
    const doses = await m.findBy(ScheduledDose, { scheduleId: schedule.id });
    for (const dose of doses) {
      const rule = rules.find((r) => r.vaccine === dose.vaccine && r.dose === dose.dose);
      if (!rule) continue;
      await m.update(
        ScheduledDose,
        { scheduleId: schedule.id, vaccine: dose.vaccine, dose: dose.dose },
        datesFromBirth(child.birthDate, rule),
      );
    }
  }

  /** Death: the schedule stops on the day of death. */
  async close(m: EntityManager, residentId: string, onDate: string): Promise<void> {
    await m
      .createQueryBuilder()
      .update(ChildSchedule)
      .set({ status: ScheduleStatus.Closed, statusChangedOn: onDate })
      .where('resident_id = :residentId AND status <> :closed', {
        residentId,
        closed: ScheduleStatus.Closed,
      })
      .execute();
  }

  /** Moving out of the regency: the schedule is followed elsewhere from that day. */
  async transfer(m: EntityManager, residentId: string, onDate: string): Promise<void> {
    await m.update(
      ChildSchedule,
      { residentId, status: ScheduleStatus.Open },
      { status: ScheduleStatus.Transferred, statusChangedOn: onDate },
    );
  }

  /** The child's schedule with its version and planned doses, or undefined without one. */
  async load(m: EntityManager, residentId: string): Promise<LoadedPlan | undefined> {
    const schedule = await m.findOneBy(ChildSchedule, { residentId });
    if (!schedule) return undefined;
    const { version, rules } = await this.data(m, schedule.version);
    const doses = await m.findBy(ScheduledDose, { scheduleId: schedule.id });
    const planned = doses
      .map((dose): PlannedDose | undefined => {
        const rule = rules.find((r) => r.vaccine === dose.vaccine && r.dose === dose.dose);
        if (!rule) return undefined;
        return {
          rule,
          base: {
            earliestOn: dose.earliestOn,
            dueOn: dose.dueOn,
            overdueFrom: dose.overdueFrom,
            latestOn: dose.latestOn,
          },
          basic: rule.recommendedAgeDays < version.basicBeforeAgeDays,
        };
      })
      .filter((p): p is PlannedDose => p !== undefined)
      .sort(
        (a, b) =>
          a.rule.recommendedAgeDays - b.rule.recommendedAgeDays ||
          a.rule.vaccine.localeCompare(b.rule.vaccine) ||
          a.rule.dose - b.rule.dose,
      );
    return { schedule, version, planned };
  }

  /** The day a schedule's statuses are read on: today while open, else the day it closed or moved. */
  asOf(schedule: ChildSchedule, today: string): string {
    return schedule.statusChangedOn !== null && schedule.statusChangedOn < today
      ? schedule.statusChangedOn
      : today;
  }
}
