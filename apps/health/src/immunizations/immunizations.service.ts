import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  DoseStatus,
  ErrorCode,
  HealthSummaryLevel,
  IMMUNIZATION_GIVEN_V1,
  type ImmunizationRecordView,
  type ImmunizationScheduleView,
  type ImmunizationSummaryView,
  type RecordImmunizationDto,
  ResidentStatus,
  type ResidentImmunizationsView,
} from '@terpadu/contracts';
import { DomainException, OutboxService } from '@terpadu/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessLogService, cleanText, isUniqueViolation } from '@terpadu/service-kit';
import { DataAccessAction } from '../access-log/data-access-action';
import { Clock } from '@terpadu/clock';
import { addDays } from '../common/dates';
import { dateInFuture, residentDeceased } from '../common/domain-errors';
import { assertCanReadDetails, assertCanWriteRecords } from '../common/health-roles';
import { type Person, PersonsService } from '@terpadu/person-projection';
import { type EvaluatedPlan, evaluatePlan } from './dose-plan';
import { Immunization } from './immunization.entity';
import { ScheduleDoseRule } from './schedule-dose-rule.entity';
import { type LoadedPlan, SchedulesService } from './schedules.service';

export interface EvaluatedSchedule {
  loaded: LoadedPlan;
  /** The day the statuses are read on. */
  asOf: string;
  evaluated: EvaluatedPlan<Immunization>;
}

function alreadyGiven(): DomainException {
  return new DomainException(ErrorCode.IMMUNIZATION_ALREADY_GIVEN, 'This dose is already recorded as given', [
    { field: 'dose', code: 'notGivenYet', message: 'dose is already recorded as given' },
  ]);
}

/**
 * Doses given and children's schedules read as statuses. A dose is refused when the person died,
 * the date is in the future, the dose is not in the child's schedule data, it was already given,
 * the child was too young for it, or it came too soon after the previous (or before the next)
 * recorded dose of the same vaccine. The person row is locked while a dose is recorded, so two
 * doses of one vaccine recorded at once are checked against each other.
 */
@Injectable()
export class ImmunizationsService {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly persons: PersonsService,
    private readonly schedules: SchedulesService,
  ) {}

  async record(actor: Actor, dto: RecordImmunizationDto): Promise<ImmunizationRecordView> {
    assertCanWriteRecords(actor);
    const facility = cleanText(dto.facility);
    const batch = cleanText(dto.batch);
    try {
      return await this.dataSource.transaction(async (m) => {
        const child = await this.persons.findInJurisdiction(m, actor, dto.nik, { lock: true });
        if (child.status === ResidentStatus.Mati) throw residentDeceased();
        if (dto.givenOn > this.clock.today()) throw dateInFuture('givenOn');
        const rule = await this.ruleFor(m, child, dto.vaccine, dto.dose);
        const records = await m.findBy(Immunization, { residentId: child.residentId, vaccine: dto.vaccine });
        if (records.some((r) => r.dose === dto.dose)) throw alreadyGiven();
        this.assertOldEnough(child, rule, dto.givenOn);
        this.assertIntervals(rule, records, dto.givenOn, await this.nextRule(m, rule));

        const record: Immunization = {
          id: randomUUID(),
          residentId: child.residentId,
          vaccine: rule.vaccine,
          dose: rule.dose,
          givenOn: dto.givenOn,
          facility,
          batch,
          recordedBy: actor.sub,
          recordedAt: this.clock.now(),
        };
        await m.insert(Immunization, record);
        const plan = await this.evaluate(m, child);
        await this.outbox.add(
          m,
          IMMUNIZATION_GIVEN_V1,
          {
            immunizationId: record.id,
            residentId: child.residentId,
            nik: child.nik,
            vaccine: record.vaccine,
            dose: record.dose,
            givenOn: record.givenOn,
            completeBasicImmunization: plan?.evaluated.completeBasicImmunization ?? false,
            villageCode: child.villageCode,
            familyCardNumber: child.familyCardNumber,
            recordedAt: record.recordedAt.toISOString(),
          },
          { entityId: child.residentId },
        );
        await this.accessLog.record(m, {
          actor,
          action: DataAccessAction.ImmunizationRecord,
          residentIds: [child.residentId],
        });
        return this.recordView(child, record, rule.label);
      });
    } catch (error) {
      // Two recordings of one dose at once: the unique constraint decides, the loser hears 409.
      if (isUniqueViolation(error, 'immunizations_dose_uq')) throw alreadyGiven();
      throw error;
    }
  }

  async get(actor: Actor, nik: string): Promise<ResidentImmunizationsView> {
    assertCanReadDetails(actor);
    return this.dataSource.transaction(async (m) => {
      const child = await this.persons.findInJurisdiction(m, actor, nik);
      const records = await m.find(Immunization, {
        where: { residentId: child.residentId },
        order: { givenOn: 'ASC', vaccine: 'ASC', dose: 'ASC' },
      });
      const plan = await this.evaluate(m, child, records);
      const labels = await this.labels(m, plan?.loaded.schedule.version);
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.ImmunizationsRead,
        residentIds: [child.residentId],
      });
      return {
        nik: child.nik,
        birthDate: child.birthDate,
        schedule: plan ? this.scheduleView(plan) : null,
        records: records.map((r) => this.recordView(child, r, labels.get(`${r.vaccine}#${r.dose}`))),
      };
    });
  }

  /** The immunization part of the health summary (inside the summary's transaction). */
  async summary(
    m: EntityManager,
    child: Person,
    level: HealthSummaryLevel,
  ): Promise<ImmunizationSummaryView | null> {
    const plan = await this.evaluate(m, child);
    if (!plan) return null;
    const { evaluated } = plan;
    const view: ImmunizationSummaryView = {
      completeBasicImmunization: evaluated.completeBasicImmunization,
      upToDate: evaluated.upToDate,
    };
    if (level === HealthSummaryLevel.Detail) {
      const next = evaluated.nextDose;
      view.overdueDoses = evaluated.overdueDoses;
      view.nextDose = next
        ? {
            vaccine: next.planned.rule.vaccine,
            dose: next.planned.rule.dose,
            label: next.planned.rule.label,
            dueOn: next.dates.dueOn,
            status: next.status,
          }
        : null;
    }
    return view;
  }

  /** The child's plan evaluated on its "as of" day, or undefined for a person without a schedule. */
  async evaluate(
    m: EntityManager,
    child: Person,
    records?: Immunization[],
  ): Promise<EvaluatedSchedule | undefined> {
    const loaded = await this.schedules.load(m, child.residentId);
    if (!loaded) return undefined;
    const given = records ?? (await m.findBy(Immunization, { residentId: child.residentId }));
    const asOf = this.schedules.asOf(loaded.schedule, this.clock.today());
    return {
      loaded,
      asOf,
      evaluated: evaluatePlan(loaded.planned, given, asOf),
    };
  }

  /** The dose's rule from the child's schedule version (the current version for a child without one). */
  private async ruleFor(
    m: EntityManager,
    child: Person,
    vaccine: string,
    dose: number,
  ): Promise<ScheduleDoseRule> {
    const loaded = await this.schedules.load(m, child.residentId);
    const version =
      loaded?.schedule.version ?? (await this.schedules.versionOn(m, this.clock.today())).version;
    const rules = await this.schedules.rulesFor(m, version, child.villageCode);
    const rule = rules.find((r) => r.vaccine === vaccine && r.dose === dose);
    if (!rule) {
      throw new DomainException(
        ErrorCode.IMMUNIZATION_NOT_IN_SCHEDULE,
        `The schedule ${version} has no such dose for this child`,
        [{ field: 'dose', code: 'inSchedule', message: "vaccine and dose are not in the child's schedule" }],
      );
    }
    return rule;
  }

  private async nextRule(m: EntityManager, rule: ScheduleDoseRule): Promise<ScheduleDoseRule | null> {
    return m.findOneBy(ScheduleDoseRule, {
      version: rule.version,
      vaccine: rule.vaccine,
      dose: rule.dose + 1,
    });
  }

  private assertOldEnough(child: Person, rule: ScheduleDoseRule, givenOn: string): void {
    const earliestOn = addDays(child.birthDate, rule.earliestAgeDays);
    if (givenOn < earliestOn) {
      throw new DomainException(
        ErrorCode.IMMUNIZATION_TOO_EARLY,
        `${rule.label} is given from ${rule.earliestAgeDays} days of age, on ${earliestOn} at the earliest`,
        [{ field: 'givenOn', code: 'minimumAge', message: `givenOn must be on or after ${earliestOn}` }],
      );
    }
  }

  /** The minimum interval to the previous recorded dose, and from this dose to the next recorded one. */
  private assertIntervals(
    rule: ScheduleDoseRule,
    records: Immunization[],
    givenOn: string,
    next: ScheduleDoseRule | null,
  ): void {
    const previous = records.find((r) => r.dose === rule.dose - 1);
    if (previous && rule.minIntervalDays !== null) {
      const allowedOn = addDays(previous.givenOn, rule.minIntervalDays);
      if (givenOn < allowedOn)
        throw this.intervalTooShort(rule.minIntervalDays, `dose ${previous.dose}`, allowedOn, 'after');
    }
    const following = records.find((r) => r.dose === rule.dose + 1);
    if (following && next?.minIntervalDays != null) {
      const latestOn = addDays(following.givenOn, -next.minIntervalDays);
      if (givenOn > latestOn)
        throw this.intervalTooShort(next.minIntervalDays, `dose ${following.dose}`, latestOn, 'before');
    }
  }

  private intervalTooShort(
    days: number,
    other: string,
    limit: string,
    side: 'after' | 'before',
  ): DomainException {
    return new DomainException(
      ErrorCode.IMMUNIZATION_INTERVAL_TOO_SHORT,
      `At least ${days} days must separate this dose and ${other}`,
      [
        {
          field: 'givenOn',
          code: 'minimumInterval',
          message: `givenOn must be ${side === 'after' ? 'on or after' : 'on or before'} ${limit}`,
        },
      ],
    );
  }

  private async labels(m: EntityManager, version: string | undefined): Promise<Map<string, string>> {
    const rules = version ? await m.findBy(ScheduleDoseRule, { version }) : await m.find(ScheduleDoseRule);
    return new Map(rules.map((r) => [`${r.vaccine}#${r.dose}`, r.label]));
  }

  private scheduleView(plan: EvaluatedSchedule): ImmunizationScheduleView {
    const { schedule } = plan.loaded;
    return {
      version: schedule.version,
      status: schedule.status,
      origin: schedule.origin,
      asOf: plan.asOf,
      completeBasicImmunization: plan.evaluated.completeBasicImmunization,
      doses: plan.evaluated.doses.map((d) => ({
        vaccine: d.planned.rule.vaccine,
        dose: d.planned.rule.dose,
        label: d.planned.rule.label,
        earliestOn: d.dates.earliestOn,
        dueOn: d.dates.dueOn,
        overdueFrom: d.dates.overdueFrom,
        latestOn: d.dates.latestOn,
        basic: d.planned.basic,
        status: d.status,
        given:
          d.status === DoseStatus.Given && d.given
            ? { givenOn: d.given.givenOn, facility: d.given.facility, batch: d.given.batch }
            : null,
      })),
    };
  }

  private recordView(child: Person, r: Immunization, label: string | undefined): ImmunizationRecordView {
    return {
      id: r.id,
      nik: child.nik,
      vaccine: r.vaccine,
      dose: r.dose,
      label: label ?? `${r.vaccine} ${r.dose}`,
      givenOn: r.givenOn,
      facility: r.facility,
      batch: r.batch,
      recordedAt: r.recordedAt.toISOString(),
    };
  }
}
