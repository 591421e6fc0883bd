import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  ANC_VISIT_RECORDED_V1,
  ErrorCode,
  HealthSummaryLevel,
  type PregnancyListView,
  PregnancyStatus,
  type PregnancySummaryView,
  type PregnancyView,
  type RecordAncVisitDto,
  type RecordDeliveryDto,
  type RegisterPregnancyDto,
  ResidentStatus,
  Sex,
  withinJurisdiction,
} from '@terpadu/contracts';
import { DomainException, OutboxService } from '@terpadu/messaging';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccessLogService, cleanText, invalidField, isUniqueViolation } from '@terpadu/service-kit';
import { DataAccessAction } from '../access-log/data-access-action';
import { Clock } from '@terpadu/clock';
import { addDays } from '../common/dates';
import { dateInFuture, residentDeceased } from '../common/domain-errors';
import { assertCanReadDetails, assertCanWriteRecords } from '../common/health-roles';
import { Person, PersonsService } from '@terpadu/person-projection';
import { AncVisit } from './anc-visit.entity';
import { Pregnancy } from './pregnancy.entity';

/** The longest pregnancy the records accept: 44 weeks. */
const MAX_TERM_DAYS = 44 * 7;

function pregnancyNotFound(): DomainException {
  return new DomainException(ErrorCode.PREGNANCY_NOT_FOUND, 'No pregnancy with this id in your jurisdiction');
}

function alreadyActive(): DomainException {
  return new DomainException(
    ErrorCode.PREGNANCY_ALREADY_ACTIVE,
    'The mother already has an active pregnancy: record its delivery first',
  );
}

/**
 * Pregnancies and antenatal care: registration (a living woman, one active pregnancy at a time,
 * an expected delivery date within 44 weeks), ANC visits (each announced with its number for PKH),
 * and the delivery. A death closes the active pregnancy (see closeForDeath).
 */
@Injectable()
export class PregnanciesService {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly persons: PersonsService,
  ) {}

  async register(actor: Actor, dto: RegisterPregnancyDto): Promise<PregnancyView> {
    assertCanWriteRecords(actor);
    try {
      return await this.dataSource.transaction(async (m) => {
        const mother = await this.persons.findInJurisdiction(m, actor, dto.motherNik, { lock: true });
        if (mother.status === ResidentStatus.Mati) throw residentDeceased();
        if (mother.sex !== Sex.Female) {
          throw new DomainException(
            ErrorCode.PREGNANCY_NOT_ELIGIBLE,
            'Only a woman can be registered as pregnant',
            [{ field: 'motherNik', code: 'isFemale', message: 'motherNik must name a woman' }],
          );
        }
        const today = this.clock.today();
        if (dto.expectedDeliveryDate < today)
          throw invalidField(
            'expectedDeliveryDate',
            'notInPast',
            'expectedDeliveryDate cannot be before today',
          );
        if (dto.expectedDeliveryDate > addDays(today, MAX_TERM_DAYS))
          throw invalidField(
            'expectedDeliveryDate',
            'withinTerm',
            'expectedDeliveryDate must be within 44 weeks from today',
          );
        if (await m.existsBy(Pregnancy, { motherId: mother.residentId, status: PregnancyStatus.Active }))
          throw alreadyActive();
        const pregnancy: Pregnancy = {
          id: randomUUID(),
          motherId: mother.residentId,
          expectedDeliveryDate: dto.expectedDeliveryDate,
          status: PregnancyStatus.Active,
          registeredBy: actor.sub,
          registeredAt: this.clock.now(),
          deliveredOn: null,
          deliveryFacility: null,
          deliveryOutcome: null,
          closedOn: null,
        };
        await m.insert(Pregnancy, pregnancy);
        await this.accessLog.record(m, {
          actor,
          action: DataAccessAction.PregnancyRegister,
          residentIds: [mother.residentId],
        });
        return this.view(mother, pregnancy, []);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'pregnancies_active_uq')) throw alreadyActive();
      throw error;
    }
  }

  async recordVisit(actor: Actor, pregnancyId: string, dto: RecordAncVisitDto): Promise<PregnancyView> {
    assertCanWriteRecords(actor);
    return this.dataSource.transaction(async (m) => {
      const { mother, pregnancy } = await this.findActive(m, actor, pregnancyId);
      this.assertDuringPregnancy(pregnancy, dto.visitedOn, 'visitedOn');
      const visit: AncVisit = {
        id: randomUUID(),
        pregnancyId: pregnancy.id,
        visitedOn: dto.visitedOn,
        facility: cleanText(dto.facility),
        gestationalWeeks: dto.gestationalWeeks ?? null,
        recordedBy: actor.sub,
        recordedAt: this.clock.now(),
      };
      await m.insert(AncVisit, visit);
      const visits = await this.visitsOf(m, [pregnancy.id]);
      await this.outbox.add(
        m,
        ANC_VISIT_RECORDED_V1,
        {
          visitId: visit.id,
          pregnancyId: pregnancy.id,
          residentId: mother.residentId,
          nik: mother.nik,
          visitedOn: visit.visitedOn,
          visitCount: visits.length,
          villageCode: mother.villageCode,
          familyCardNumber: mother.familyCardNumber,
          recordedAt: visit.recordedAt.toISOString(),
        },
        { entityId: mother.residentId },
      );
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.PregnancyVisitRecord,
        residentIds: [mother.residentId],
      });
      return this.view(mother, pregnancy, visits);
    });
  }

  async recordDelivery(actor: Actor, pregnancyId: string, dto: RecordDeliveryDto): Promise<PregnancyView> {
    assertCanWriteRecords(actor);
    return this.dataSource.transaction(async (m) => {
      const { mother, pregnancy } = await this.findActive(m, actor, pregnancyId);
      this.assertDuringPregnancy(pregnancy, dto.deliveredOn, 'deliveredOn');
      Object.assign(pregnancy, {
        status: PregnancyStatus.Delivered,
        deliveredOn: dto.deliveredOn,
        deliveryFacility: cleanText(dto.facility),
        deliveryOutcome: dto.outcome,
      });
      await m.save(Pregnancy, pregnancy);
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.PregnancyDeliveryRecord,
        residentIds: [mother.residentId],
      });
      return this.view(mother, pregnancy, await this.visitsOf(m, [pregnancy.id]));
    });
  }

  async list(actor: Actor, nik: string): Promise<PregnancyListView> {
    assertCanReadDetails(actor);
    return this.dataSource.transaction(async (m) => {
      const mother = await this.persons.findInJurisdiction(m, actor, nik);
      const pregnancies = await m.find(Pregnancy, {
        where: { motherId: mother.residentId },
        order: { registeredAt: 'DESC' },
      });
      const visits = await this.visitsOf(
        m,
        pregnancies.map((p) => p.id),
      );
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.PregnanciesRead,
        residentIds: [mother.residentId],
      });
      return {
        items: pregnancies.map((p) =>
          this.view(
            mother,
            p,
            visits.filter((v) => v.pregnancyId === p.id),
          ),
        ),
      };
    });
  }

  /** The pregnancy part of the health summary (inside the summary's transaction). */
  async summary(m: EntityManager, person: Person, level: HealthSummaryLevel): Promise<PregnancySummaryView> {
    const active = await m.findOneBy(Pregnancy, {
      motherId: person.residentId,
      status: PregnancyStatus.Active,
    });
    const visits = active ? await this.visitsOf(m, [active.id]) : [];
    const view: PregnancySummaryView = { active: active !== null, ancVisits: visits.length };
    if (level === HealthSummaryLevel.Detail && active) {
      view.expectedDeliveryDate = active.expectedDeliveryDate;
      view.lastVisitOn = visits.length > 0 ? visits[visits.length - 1].visitedOn : null;
    }
    return view;
  }

  /** A death closes the mother's active pregnancy on the day of death. */
  async closeForDeath(m: EntityManager, motherId: string, onDate: string): Promise<void> {
    await m.update(
      Pregnancy,
      { motherId, status: PregnancyStatus.Active },
      { status: PregnancyStatus.Closed, closedOn: onDate },
    );
  }

  private async findActive(
    m: EntityManager,
    actor: Actor,
    pregnancyId: string,
  ): Promise<{ mother: Person; pregnancy: Pregnancy }> {
    const pregnancy = await m.findOne(Pregnancy, {
      where: { id: pregnancyId },
      lock: { mode: 'pessimistic_write' },
    });
    const mother = pregnancy ? await m.findOneBy(Person, { residentId: pregnancy.motherId }) : null;
    if (!pregnancy || !mother || !withinJurisdiction(mother.villageCode, actor.jurisdiction))
      throw pregnancyNotFound();
    if (mother.status === ResidentStatus.Mati) throw residentDeceased();
    if (pregnancy.status !== PregnancyStatus.Active) {
      throw new DomainException(
        ErrorCode.PREGNANCY_NOT_ACTIVE,
        `The pregnancy is ${pregnancy.status.toLowerCase()}: no more visits or deliveries`,
      );
    }
    return { mother, pregnancy };
  }

  /** Not in the future, and not before the pregnancy can have begun (44 weeks before the expected date). */
  private assertDuringPregnancy(pregnancy: Pregnancy, date: string, field: string): void {
    if (date > this.clock.today()) throw dateInFuture(field);
    if (date < addDays(pregnancy.expectedDeliveryDate, -MAX_TERM_DAYS))
      throw invalidField(field, 'duringPregnancy', `${field} is before this pregnancy began`);
  }

  private visitsOf(m: EntityManager, pregnancyIds: string[]): Promise<AncVisit[]> {
    if (pregnancyIds.length === 0) return Promise.resolve([]);
    return m.find(AncVisit, {
      where: { pregnancyId: In(pregnancyIds) },
      order: { visitedOn: 'ASC', recordedAt: 'ASC' },
    });
  }

  private view(mother: Person, p: Pregnancy, visits: AncVisit[]): PregnancyView {
    return {
      id: p.id,
      motherNik: mother.nik,
      status: p.status,
      expectedDeliveryDate: p.expectedDeliveryDate,
      registeredAt: p.registeredAt.toISOString(),
      visits: visits.map((v, index) => ({
        id: v.id,
        number: index + 1,
        visitedOn: v.visitedOn,
        facility: v.facility,
        gestationalWeeks: v.gestationalWeeks,
      })),
      delivery:
        p.deliveredOn !== null && p.deliveryFacility !== null && p.deliveryOutcome !== null
          ? { deliveredOn: p.deliveredOn, facility: p.deliveryFacility, outcome: p.deliveryOutcome }
          : null,
      closedOn: p.closedOn,
    };
  }
}
