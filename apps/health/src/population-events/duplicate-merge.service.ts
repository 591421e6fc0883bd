import { Injectable } from '@nestjs/common';
import { PregnancyStatus } from '@terpadu/contracts';
import type { EntityManager } from 'typeorm';
import { Person } from '../persons/person.entity';
import { PersonsService } from '../persons/persons.service';

/**
 * Population found two records of one person and deactivated one (RESIDENT_UPDATED_V1 with
 * `deactivation`). Health moves what it holds for the duplicate to the record kept, in the
 * handler's transaction, and stops answering for the duplicate:
 * - doses, overdue notices: moved unless the kept record already has that dose (then it is one fact);
 * - checkups and finished pregnancies: moved; an active pregnancy moves unless the kept record has
 *   one (then the duplicate's is closed on the day of the merge: one pregnancy, two records of it);
 * - schedule and insurance: moved when the kept record has none, dropped otherwise.
 * The data access log keeps the duplicate's id: it records what happened then.
 */
@Injectable()
export class DuplicateMergeService {
  constructor(private readonly persons: PersonsService) {}

  async merge(
    m: EntityManager,
    duplicateId: string,
    keptId: string,
    at: Date,
    onDate: string,
  ): Promise<void> {
    const duplicate = await this.persons.require(m, duplicateId);
    await this.persons.require(m, keptId);
    if (duplicate.deactivatedAt !== null) return;
    const params = [duplicateId, keptId];
    for (const table of ['immunizations', 'overdue_notices']) {
      await m.query(
        `UPDATE ${table} t SET resident_id = $2 WHERE t.resident_id = $1
            AND NOT EXISTS (SELECT 1 FROM ${table} k WHERE k.resident_id = $2 AND k.vaccine = t.vaccine AND k.dose = t.dose)`,
        params,
      );
      await m.query(`DELETE FROM ${table} WHERE resident_id = $1`, [duplicateId]);
    }
    await m.query(`UPDATE checkups SET resident_id = $2 WHERE resident_id = $1`, params);
    await m.query(
      `UPDATE pregnancies SET status = $3, closed_on = $4
        WHERE mother_id = $1 AND status = $5
          AND EXISTS (SELECT 1 FROM pregnancies k WHERE k.mother_id = $2 AND k.status = $5)`,
      [...params, PregnancyStatus.Closed, onDate, PregnancyStatus.Active],
    );
    await m.query(`UPDATE pregnancies SET mother_id = $2 WHERE mother_id = $1`, params);
    for (const table of ['child_schedules', 'insurance_memberships']) {
      await m.query(
        `UPDATE ${table} SET resident_id = $2 WHERE resident_id = $1
            AND NOT EXISTS (SELECT 1 FROM ${table} k WHERE k.resident_id = $2)`,
        params,
      );
      await m.query(`DELETE FROM ${table} WHERE resident_id = $1`, [duplicateId]);
    }
    await m.update(Person, { residentId: duplicateId }, { deactivatedAt: at, duplicateOfResidentId: keptId });
  }
}
