import { Injectable } from '@nestjs/common';
import {
  type Actor,
  ErrorCode,
  HealthSummaryLevel,
  INSURANCE_CHANGED_V1,
  InsuranceStatus,
  type InsuranceSummaryView,
  type InsuranceView,
  ResidentStatus,
  type SetInsuranceDto,
} from '@terpadu/contracts';
import { DomainException, OutboxService } from '@terpadu/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessLogService, invalidField, isUniqueViolation } from '@terpadu/service-kit';
import { DataAccessAction } from '../access-log/data-access-action';
import { Clock } from '@terpadu/clock';
import { residentDeceased } from '../common/domain-errors';
import { assertCanReadDetails, assertCanWriteRecords } from '../common/health-roles';
import { type Person, PersonsService } from '@terpadu/person-projection';
import { InsuranceMembership } from './insurance-membership.entity';

function numberTaken(): DomainException {
  return new DomainException(
    ErrorCode.INSURANCE_NUMBER_TAKEN,
    'This JKN number is recorded for another person',
    [{ field: 'number', code: 'unique', message: 'number belongs to another person' }],
  );
}

/** ACTIVE when `today` lies in the membership's period, INACTIVE outside it, NONE without one. */
export function insuranceStatus(membership: InsuranceMembership | null, today: string): InsuranceStatus {
  if (!membership) return InsuranceStatus.None;
  const started = membership.activeFrom <= today;
  const notEnded = membership.activeUntil === null || today <= membership.activeUntil;
  return started && notEnded ? InsuranceStatus.Active : InsuranceStatus.Inactive;
}

/** JKN membership per person: one current membership, replaced as a whole; each change is announced. */
@Injectable()
export class InsuranceService {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly persons: PersonsService,
  ) {}

  async set(actor: Actor, nik: string, dto: SetInsuranceDto): Promise<InsuranceView> {
    assertCanWriteRecords(actor);
    if (dto.activeUntil !== undefined && dto.activeUntil < dto.activeFrom)
      throw invalidField('activeUntil', 'notBeforeActiveFrom', 'activeUntil cannot be before activeFrom');
    try {
      return await this.dataSource.transaction(async (m) => {
        const person = await this.persons.findInJurisdiction(m, actor, nik, { lock: true });
        if (person.status === ResidentStatus.Mati) throw residentDeceased();
        const holder = await m.findOneBy(InsuranceMembership, { number: dto.number });
        if (holder && holder.residentId !== person.residentId) throw numberTaken();
        const membership: InsuranceMembership = {
          residentId: person.residentId,
          number: dto.number,
          class: dto.class,
          pbi: dto.pbi,
          activeFrom: dto.activeFrom,
          activeUntil: dto.activeUntil ?? null,
          updatedBy: actor.sub,
          updatedAt: this.clock.now(),
        };
        await m.save(InsuranceMembership, membership);
        await this.outbox.add(
          m,
          INSURANCE_CHANGED_V1,
          {
            residentId: person.residentId,
            nik: person.nik,
            class: membership.class,
            pbi: membership.pbi,
            activeFrom: membership.activeFrom,
            activeUntil: membership.activeUntil,
            villageCode: person.villageCode,
            familyCardNumber: person.familyCardNumber,
            changedAt: membership.updatedAt.toISOString(),
          },
          { entityId: person.residentId },
        );
        await this.accessLog.record(m, {
          actor,
          action: DataAccessAction.InsuranceSet,
          residentIds: [person.residentId],
        });
        return this.view(person, membership);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'insurance_memberships_number_uq')) throw numberTaken();
      throw error;
    }
  }

  async get(actor: Actor, nik: string): Promise<InsuranceView> {
    assertCanReadDetails(actor);
    return this.dataSource.transaction(async (m) => {
      const person = await this.persons.findInJurisdiction(m, actor, nik);
      const membership = await m.findOneBy(InsuranceMembership, { residentId: person.residentId });
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.InsuranceRead,
        residentIds: [person.residentId],
      });
      return this.view(person, membership);
    });
  }

  /** The insurance part of the health summary (inside the summary's transaction). */
  async summary(m: EntityManager, person: Person, level: HealthSummaryLevel): Promise<InsuranceSummaryView> {
    const membership = await m.findOneBy(InsuranceMembership, { residentId: person.residentId });
    const view: InsuranceSummaryView = {
      status: insuranceStatus(membership, this.clock.today()),
      pbi: membership?.pbi ?? false,
    };
    if (level === HealthSummaryLevel.Detail && membership) {
      view.class = membership.class;
      view.activeUntil = membership.activeUntil;
    }
    return view;
  }

  private view(person: Person, membership: InsuranceMembership | null): InsuranceView {
    return {
      nik: person.nik,
      status: insuranceStatus(membership, this.clock.today()),
      membership: membership && {
        number: membership.number,
        class: membership.class,
        pbi: membership.pbi,
        activeFrom: membership.activeFrom,
        activeUntil: membership.activeUntil,
        updatedAt: membership.updatedAt.toISOString(),
      },
    };
  }
}
