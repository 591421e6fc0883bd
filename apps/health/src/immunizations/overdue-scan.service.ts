import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DoseStatus, IMMUNIZATION_OVERDUE_V1, ResidentStatus, ScheduleStatus } from '@terpadu/contracts';
import { OutboxService } from '@terpadu/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@terpadu/clock';
import { datesAfterPrevious, doseStatus } from './dose-plan';

const BATCH_SIZE = 200;

interface Candidate {
  resident_id: string;
  vaccine: string;
  dose: number;
  earliest_on: string;
  due_on: string;
  overdue_from: string;
  latest_on: string | null;
  grace_days: number;
  min_interval_days: number | null;
  previous_given_on: string | null;
  nik: string;
  village_code: string;
  family_card_number: string | null;
}

interface Position {
  residentId: string;
  vaccine: string;
  dose: number;
}

/**
 * Finds doses that became overdue and announces each one once (IMMUNIZATION_OVERDUE_V1).
 *
 * Candidates are read in keyset order by a coarse filter on the stored dates (open schedule, living
 * child, not given, not announced, stored overdue day reached, not past the latest day); each is
 * then judged by the same doseStatus() the API uses (a late previous dose moves the due day). A dose
 * read as OVERDUE is claimed by inserting its overdue_notices row and, in the same transaction, its
 * event into the outbox. Any number of replicas may scan at once: a second claim of a dose waits
 * for the first transaction and then inserts nothing (ON CONFLICT DO NOTHING), so it writes no
 * event; claims follow the same order everywhere, so two scans never deadlock.
 */
@Injectable()
export class OverdueScanService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  /** Runs one scan for today; resolves with the number of doses this scan announced. */
  async scan(): Promise<number> {
    const today = this.clock.today();
    let after: Position = { residentId: '00000000-0000-0000-0000-000000000000', vaccine: '', dose: 0 };
    let announced = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (m) => {
        const candidates = await this.candidates(m, today, after);
        let claimed = 0;
        for (const c of candidates) if (await this.claimIfOverdue(m, c, today)) claimed += 1;
        return { candidates, claimed };
      });
      announced += batch.claimed;
      if (batch.candidates.length < BATCH_SIZE) return announced;
      const last = batch.candidates[batch.candidates.length - 1];
      after = { residentId: last.resident_id, vaccine: last.vaccine, dose: last.dose };
    }
  }

  private candidates(m: EntityManager, today: string, after: Position): Promise<Candidate[]> {
    return m.query<Candidate[]>(
      `SELECT s.resident_id, d.vaccine, d.dose, d.earliest_on, d.due_on, d.overdue_from, d.latest_on,
              r.grace_days, r.min_interval_days, prev.given_on AS previous_given_on,
              p.nik, p.village_code, p.family_card_number
         FROM scheduled_doses d
         JOIN child_schedules s ON s.id = d.schedule_id
         JOIN persons p ON p.resident_id = s.resident_id
         JOIN immunization_schedule_doses r
           ON r.version = s.version AND r.vaccine = d.vaccine AND r.dose = d.dose
         LEFT JOIN immunizations prev
           ON prev.resident_id = s.resident_id AND prev.vaccine = d.vaccine AND prev.dose = d.dose - 1
        WHERE s.status = $1 AND p.status = $2
          AND d.overdue_from <= $3
          AND (d.latest_on IS NULL OR d.latest_on >= $3)
          AND NOT EXISTS (SELECT 1 FROM immunizations g
                           WHERE g.resident_id = s.resident_id AND g.vaccine = d.vaccine AND g.dose = d.dose)
          AND NOT EXISTS (SELECT 1 FROM overdue_notices n
                           WHERE n.resident_id = s.resident_id AND n.vaccine = d.vaccine AND n.dose = d.dose)
          AND (s.resident_id, d.vaccine, d.dose) > ($4::uuid, $5::varchar, $6::smallint)
        ORDER BY s.resident_id, d.vaccine, d.dose
        LIMIT $7`,
      [
        ScheduleStatus.Open,
        ResidentStatus.Hidup,
        today,
        after.residentId,
        after.vaccine,
        after.dose,
        BATCH_SIZE,
      ],
    );
  }

  private async claimIfOverdue(m: EntityManager, c: Candidate, today: string): Promise<boolean> {
    const dates = datesAfterPrevious(
      { earliestOn: c.earliest_on, dueOn: c.due_on, overdueFrom: c.overdue_from, latestOn: c.latest_on },
      { graceDays: c.grace_days, minIntervalDays: c.min_interval_days },
      c.previous_given_on ?? undefined,
    );
    if (doseStatus(dates, undefined, today) !== DoseStatus.Overdue) return false;
    const noticeId = randomUUID();
    const claimed = await m.query<unknown[]>(
      `INSERT INTO overdue_notices (resident_id, vaccine, dose, overdue_from, notice_id, noticed_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING
       RETURNING notice_id`,
      [c.resident_id, c.vaccine, c.dose, dates.overdueFrom, noticeId, this.clock.now()],
    );
    if (claimed.length === 0) return false;
    await this.outbox.add(
      m,
      IMMUNIZATION_OVERDUE_V1,
      {
        noticeId,
        residentId: c.resident_id,
        nik: c.nik,
        vaccine: c.vaccine,
        dose: c.dose,
        dueOn: dates.dueOn,
        overdueFrom: dates.overdueFrom,
        villageCode: c.village_code,
        familyCardNumber: c.family_card_number,
        detectedAt: this.clock.now().toISOString(),
      },
      { entityId: c.resident_id },
    );
    return true;
  }
}
