import { Injectable } from '@nestjs/common';
import { PregnancyStatus, ScheduleOrigin } from '@terpadu/contracts';
import {
  type DuplicateMerge,
  type Person,
  type PersonArrival,
  PersonArrivalOrigin,
  type PersonProjectionHooks,
} from '@terpadu/person-projection';
import type { EntityManager } from 'typeorm';
import { SchedulesService } from '../immunizations/schedules.service';
import { PregnanciesService } from '../pregnancies/pregnancies.service';

const SCHEDULE_ORIGIN: Record<PersonArrivalOrigin, ScheduleOrigin> = {
  [PersonArrivalOrigin.Birth]: ScheduleOrigin.Birth,
  [PersonArrivalOrigin.MovedIn]: ScheduleOrigin.MovedIn,
  [PersonArrivalOrigin.Registered]: ScheduleOrigin.Registered,
};

/**
 * Health's reactions to population's events, run by the person projection in its transaction: a
 * child who arrives gets an immunization schedule (a child has at most one), a corrected birth date
 * moves it, a death closes the schedule and an active pregnancy, a move out transfers the schedule,
 * and a duplicate record's health data moves to the record kept.
 */
@Injectable()
export class HealthPersonHooks implements PersonProjectionHooks {
  constructor(
    private readonly pregnancies: PregnanciesService,
    private readonly schedules: SchedulesService,
  ) {}

  async personArrived(m: EntityManager, person: Person, arrival: PersonArrival): Promise<void> {
    await this.schedules.ensure(m, person, SCHEDULE_ORIGIN[arrival.origin], arrival.on);
  }

  async birthDateChanged(m: EntityManager, person: Person): Promise<void> {
    await this.schedules.redate(m, person);
  }

  async personDied(m: EntityManager, person: Person, diedOn: string): Promise<void> {
    await this.schedules.close(m, person.residentId, diedOn);
    await this.pregnancies.closeForDeath(m, person.residentId, diedOn);
  }

  async personMovedOut(m: EntityManager, person: Person, movedOn: string): Promise<void> {
    await this.schedules.transfer(m, person.residentId, movedOn);
  }

  /**
   * Moves what health holds for the duplicate to the record kept:
   * - doses, overdue notices: moved unless the kept record already has that dose (then it is one fact);
   * - checkups and finished pregnancies: moved; an active pregnancy moves unless the kept record has
   *   one (then the duplicate's is closed on the day of the merge: one pregnancy, two records of it);
   * - schedule and insurance: moved when the kept record has none, dropped otherwise.
   * The data access log keeps the duplicate's id: it records what happened then.
   */
  async duplicateMerged(m: EntityManager, merge: DuplicateMerge): Promise<void> {
    const params = [merge.duplicate.residentId, merge.kept.residentId];
    for (const table of ['immunizations', 'overdue_notices']) {
      await m.query(
        `UPDATE ${table} t SET resident_id = $2 WHERE t.resident_id = $1
            AND NOT EXISTS (SELECT 1 FROM ${table} k WHERE k.resident_id = $2 AND k.vaccine = t.vaccine AND k.dose = t.dose)`,
        params,
      );
      await m.query(`DELETE FROM ${table} WHERE resident_id = $1`, [merge.duplicate.residentId]);
    }
    await m.query(`UPDATE checkups SET resident_id = $2 WHERE resident_id = $1`, params);
    await m.query(
      `UPDATE pregnancies SET status = $3, closed_on = $4
        WHERE mother_id = $1 AND status = $5
          AND EXISTS (SELECT 1 FROM pregnancies k WHERE k.mother_id = $2 AND k.status = $5)`,
      [...params, PregnancyStatus.Closed, merge.on, PregnancyStatus.Active],
    );
    await m.query(`UPDATE pregnancies SET mother_id = $2 WHERE mother_id = $1`, params);
    for (const table of ['child_schedules', 'insurance_memberships']) {
      await m.query(
        `UPDATE ${table} SET resident_id = $2 WHERE resident_id = $1
            AND NOT EXISTS (SELECT 1 FROM ${table} k WHERE k.resident_id = $2)`,
        params,
      );
      await m.query(`DELETE FROM ${table} WHERE resident_id = $1`, [merge.duplicate.residentId]);
    }
  }
}
