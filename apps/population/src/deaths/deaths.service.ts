import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  DEATH_REGISTERED_V1,
  type DeathView,
  ErrorCode,
  type RegisterDeathDto,
  ResidentStatus,
} from '@terpadu/contracts';
import { DomainException, OutboxService } from '@terpadu/messaging';
import { DataSource } from 'typeorm';
import { AccessLogService, invalidField, isUniqueViolation } from '@terpadu/service-kit';
import { DataAccessAction } from '../access-log/data-access-action';
import { Clock } from '@terpadu/clock';
import { FamilyCardsService } from '../family-cards/family-cards.service';
import { nextCertificateNumber } from '../registry/certificate-numbers';
import { assertActive, assertNotInFuture } from '../registry/resident-guards';
import { ResidentRecordsService } from '../registry/resident-records.service';
import { optionalText, requiredText } from '../registry/text-fields';
import { transactionWithRetry } from '../registry/transactions';
import { Death } from './death.entity';

function deathAlreadyRegistered(): DomainException {
  return new DomainException(
    ErrorCode.DEATH_ALREADY_REGISTERED,
    'A death is already registered for this person',
  );
}

/**
 * Deaths: status MATI, the person leaves their family card (history kept; a head's card needs a new
 * head, or closes when no one is left), the death certificate number, and DEATH_REGISTERED_V1 with
 * RESIDENT_UPDATED_V1 and FAMILY_CARD_CHANGED_V1, in one transaction. A missing person (HILANG) may
 * be declared dead; a moved-out person's death is registered where they live now.
 */
@Injectable()
export class DeathsService {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly familyCards: FamilyCardsService,
    private readonly outbox: OutboxService,
    private readonly records: ResidentRecordsService,
  ) {}

  async register(actor: Actor, dto: RegisterDeathDto): Promise<DeathView> {
    const nik = this.records.parseNik(dto.nik, 'nik').nik;
    const placeOfDeath = requiredText(dto.placeOfDeath, 'placeOfDeath');
    const reporterName = optionalText(dto.reporter.name, 'reporter.name');
    const reporterNik =
      dto.reporter.nik === undefined ? null : this.records.parseNik(dto.reporter.nik, 'reporter.nik').nik;
    if (reporterName === null && reporterNik === null) {
      throw invalidField('reporter.name', 'isNotEmpty', 'reporter name is required when no NIK is given');
    }
    if (reporterNik === nik)
      throw invalidField('reporter.nik', 'differs', 'the deceased cannot report their own death');
    assertNotInFuture(dto.dateOfDeath, this.clock.today(), 'dateOfDeath');

    try {
      return await transactionWithRetry(this.dataSource, async (m) => {
        const { resident, membership } = await this.familyCards.lockWithCard(m, actor, nik);
        if (resident.status === ResidentStatus.Mati) throw deathAlreadyRegistered();
        assertActive(resident, { allow: [ResidentStatus.Hilang], field: 'nik' });
        if (dto.dateOfDeath < resident.birthDate) {
          throw new DomainException(
            ErrorCode.DEATH_BEFORE_BIRTH,
            'The date of death is before the birth date',
            [{ field: 'dateOfDeath', code: 'afterBirth', message: 'dateOfDeath is before the birth date' }],
          );
        }

        const now = this.clock.now();
        const certificateNumber = await nextCertificateNumber(
          m,
          'KM',
          resident.villageCode.slice(0, 6),
          this.clock.today(),
        );
        const death: Death = {
          id: randomUUID(),
          certificateNumber,
          residentId: resident.id,
          dateOfDeath: dto.dateOfDeath,
          placeOfDeath,
          causeCategory: dto.causeCategory,
          reporterName,
          reporterNik,
          reporterRelationship: dto.reporter.relationship,
          familyCardId: membership?.card.id ?? null,
          wasHead: false,
          registeredBy: actor.sub,
          registeredAt: now,
        };
        let familyNeedsNewHead = false;
        const cardResidentIds: string[] = [];
        if (membership) {
          const end = await this.familyCards.endMembership(
            m,
            membership.card,
            membership,
            `Meninggal dunia, akta ${certificateNumber}`,
            now,
          );
          death.wasHead = end.wasHead;
          familyNeedsNewHead = end.wasHead && !end.closed;
          const loaded = await this.familyCards.publishChange(
            m,
            membership.card,
            end.closed ? 'CLOSED' : 'MEMBER_DIED',
            resident.nik,
            now,
          );
          cardResidentIds.push(...loaded.residentIds);
        }
        await m.insert(Death, death);

        const previousStatus = resident.status;
        resident.status = ResidentStatus.Mati;
        await this.records.recordChange(
          m,
          actor,
          resident.id,
          'DIED',
          `Meninggal dunia, akta ${certificateNumber}`,
          [{ field: 'status', from: previousStatus, to: ResidentStatus.Mati }],
        );
        await this.records.saveAndPublish(m, resident, ['status']);
        await this.outbox.add(
          m,
          DEATH_REGISTERED_V1,
          {
            deathId: death.id,
            certificateNumber,
            residentId: resident.id,
            nik: resident.nik,
            dateOfDeath: death.dateOfDeath,
            villageCode: resident.villageCode,
            familyCardNumber: membership?.card.number ?? null,
            familyNeedsNewHead,
            registeredAt: now.toISOString(),
          },
          { entityId: death.id },
        );
        await this.accessLog.record(m, {
          actor,
          action: DataAccessAction.DeathRegister,
          residentIds: [resident.id, ...cardResidentIds],
          ...(membership ? { familyCardId: membership.card.id } : {}),
        });
        return {
          id: death.id,
          certificateNumber,
          residentId: resident.id,
          nik: resident.nik,
          fullName: resident.fullName,
          dateOfDeath: death.dateOfDeath,
          placeOfDeath,
          causeCategory: death.causeCategory,
          reporter: { name: reporterName, nik: reporterNik, relationship: death.reporterRelationship },
          familyCardNumber: membership?.card.number ?? null,
          familyNeedsNewHead,
          registeredAt: now.toISOString(),
        };
      });
    } catch (error) {
      // Two registrations of one death at once: the unique constraint lets one through.
      if (isUniqueViolation(error, 'deaths_resident_uq')) throw deathAlreadyRegistered();
      throw error;
    }
  }
}
