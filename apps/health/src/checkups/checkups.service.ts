import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type CheckupListView,
  type CheckupView,
  type RecordCheckupDto,
  ResidentStatus,
} from '@terpadu/contracts';
import { DataSource } from 'typeorm';
import { AccessLogService, cleanText, invalidField } from '@terpadu/service-kit';
import { DataAccessAction } from '../access-log/data-access-action';
import { Clock } from '@terpadu/clock';
import { dateInFuture, residentDeceased } from '../common/domain-errors';
import { assertCanReadDetails, assertCanWriteRecords } from '../common/health-roles';
import { type Person, PersonsService } from '@terpadu/person-projection';
import { Checkup } from './checkup.entity';

/** Routine checkups: recorded for a living person, dated between birth and today. */
@Injectable()
export class CheckupsService {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly persons: PersonsService,
  ) {}

  async record(actor: Actor, dto: RecordCheckupDto): Promise<CheckupView> {
    assertCanWriteRecords(actor);
    return this.dataSource.transaction(async (m) => {
      const person = await this.persons.findInJurisdiction(m, actor, dto.nik, { lock: true });
      if (person.status === ResidentStatus.Mati) throw residentDeceased();
      if (dto.checkedOn > this.clock.today()) throw dateInFuture('checkedOn');
      if (dto.checkedOn < person.birthDate)
        throw invalidField('checkedOn', 'notBeforeBirth', 'checkedOn cannot be before the birth date');
      const checkup: Checkup = {
        id: randomUUID(),
        residentId: person.residentId,
        checkedOn: dto.checkedOn,
        facility: cleanText(dto.facility),
        kind: dto.kind,
        icd10Code: dto.icd10Code ?? null,
        recordedBy: actor.sub,
        recordedAt: this.clock.now(),
      };
      await m.insert(Checkup, checkup);
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.CheckupRecord,
        residentIds: [person.residentId],
      });
      return this.view(person, checkup);
    });
  }

  async list(actor: Actor, nik: string): Promise<CheckupListView> {
    assertCanReadDetails(actor);
    return this.dataSource.transaction(async (m) => {
      const person = await this.persons.findInJurisdiction(m, actor, nik);
      const checkups = await m.find(Checkup, {
        where: { residentId: person.residentId },
        order: { checkedOn: 'DESC', recordedAt: 'DESC' },
      });
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.CheckupsRead,
        residentIds: [person.residentId],
      });
      return { items: checkups.map((c) => this.view(person, c)) };
    });
  }

  private view(person: Person, c: Checkup): CheckupView {
    return {
      id: c.id,
      nik: person.nik,
      checkedOn: c.checkedOn,
      facility: c.facility,
      kind: c.kind,
      icd10Code: c.icd10Code,
      recordedAt: c.recordedAt.toISOString(),
    };
  }
}
