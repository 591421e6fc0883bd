import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  BIRTH_REGISTERED_V1,
  type BirthView,
  EducationLevel,
  ErrorCode,
  FamilyRelationship,
  MaritalStatus,
  parseNik,
  type RegisterBirthDto,
  ResidentStatus,
  Sex,
} from '@terpadu/contracts';
import { DomainException, OutboxService } from '@terpadu/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessLogService, invalidField, isUniqueViolation } from '@terpadu/service-kit';
import { DataAccessAction } from '../access-log/data-access-action';
import { Clock } from '@terpadu/clock';
import { DuplicatesService } from '../duplicates/duplicates.service';
import { FamilyCard } from '../family-cards/family-card.entity';
import { familyCardClosed, FamilyCardsService } from '../family-cards/family-cards.service';
import { RegionsService } from '../regions/regions.service';
import { nextCertificateNumber } from '../registry/certificate-numbers';
import { newResident } from '../registry/new-resident';
import { assertActive, assertNotInFuture } from '../registry/resident-guards';
import { ResidentRecordsService } from '../registry/resident-records.service';
import { residentView } from '../registry/resident-view';
import type { Resident } from '../registry/resident.entity';
import { requiredText } from '../registry/text-fields';
import { transactionWithRetry } from '../registry/transactions';
import { Birth } from './birth.entity';
import { issuedNik, MAX_NIK_SERIAL, nextNikSerial, nikPrefix } from './nik-issuance';

/** SIAK's occupation of a newborn. */
const NEWBORN_OCCUPATION = 'Belum/Tidak Bekerja';
/** A parent is at least this many years older than the child; less is a typo in a date or a NIK. */
const MIN_PARENT_AGE_YEARS = 10;
/** A child born this many days after the father's death can still be his (about 43 weeks). */
const POSTHUMOUS_BIRTH_DAYS = 300;

/** The child's SHDK from the parent's: the head's or their spouse's child is ANAK, their child's child CUCU. */
function childRelationship(parent: FamilyRelationship): FamilyRelationship {
  switch (parent) {
    case FamilyRelationship.KepalaKeluarga:
    case FamilyRelationship.Suami:
    case FamilyRelationship.Istri:
      return FamilyRelationship.Anak;
    case FamilyRelationship.Anak:
    case FamilyRelationship.Menantu:
      return FamilyRelationship.Cucu;
    default:
      return FamilyRelationship.FamiliLain;
  }
}

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y + years, m - 1, d));
  return shifted.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function invalidParent(field: string, message: string): DomainException {
  return new DomainException(ErrorCode.INVALID_PARENT, message, [{ field, code: 'validParent', message }]);
}

/**
 * Births: the child's NIK (the registering office's district, the encoded birth date, the next free
 * serial for that prefix), the child's record at the family card's address, the child on the card,
 * the birth certificate number, probable duplicates, and BIRTH_REGISTERED_V1 with
 * RESIDENT_REGISTERED_V1 and FAMILY_CARD_CHANGED_V1 — all in one transaction.
 *
 * The card must hold a parent: the mother or the father is a current member, or a deceased parent's
 * last card was this one (a mother may die in childbirth, a father before it).
 */
@Injectable()
export class BirthsService {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly duplicates: DuplicatesService,
    private readonly familyCards: FamilyCardsService,
    private readonly outbox: OutboxService,
    private readonly records: ResidentRecordsService,
    private readonly regions: RegionsService,
  ) {}

  async register(actor: Actor, dto: RegisterBirthDto): Promise<BirthView> {
    const motherNik = this.records.parseNik(dto.motherNik, 'motherNik').nik;
    const fatherNik =
      dto.fatherNik === undefined ? null : this.records.parseNik(dto.fatherNik, 'fatherNik').nik;
    if (fatherNik === motherNik)
      throw invalidField('fatherNik', 'differs', 'fatherNik cannot be the mother’s NIK');
    const fullName = requiredText(dto.fullName, 'fullName');
    const birthPlace = requiredText(dto.birthPlace, 'birthPlace');
    const today = this.clock.today();
    assertNotInFuture(dto.birthDate, today, 'birthDate');
    this.assertDistrictInJurisdiction(actor, dto.districtCode);
    const prefix = nikPrefix(dto.districtCode, dto.birthDate, dto.sex);
    const decoded = parseNik(issuedNik(prefix, 1), today);
    if (!decoded.ok || decoded.value.birthDate !== dto.birthDate) {
      throw invalidField('birthDate', 'encodable', 'birthDate is too long ago for a NIK to encode it');
    }
    await this.assertKnownDistrict(dto.districtCode);

    return transactionWithRetry(
      this.dataSource,
      async (m) => {
        const card = await this.familyCards.findCard(m, actor, dto.familyCardNumber, { lock: true });
        if (card.closedAt) throw familyCardClosed();
        const mother = await this.lockParent(m, actor, motherNik, 'motherNik');
        const father = fatherNik === null ? null : await this.lockParent(m, actor, fatherNik, 'fatherNik');
        await this.assertMother(m, mother, dto.birthDate);
        if (father) await this.assertFather(m, father, dto.birthDate);
        const relationship = await this.relationshipOnCard(m, card, mother, father);

        const now = this.clock.now();
        const serial = await nextNikSerial(m, prefix);
        if (serial > MAX_NIK_SERIAL) {
          throw new DomainException(
            ErrorCode.SERVICE_UNAVAILABLE,
            'Every NIK serial of this district for this birth date is used',
          );
        }
        const nik = this.records.parseNik(issuedNik(prefix, serial), 'nik');
        const certificateNumber = await nextCertificateNumber(m, 'LU', dto.districtCode, today);
        const child = newResident(
          nik,
          {
            fullName,
            birthPlace,
            birthDate: dto.birthDate,
            sex: dto.sex,
            religion: dto.religion ?? mother.religion,
            maritalStatus: MaritalStatus.BelumKawin,
            occupation: NEWBORN_OCCUPATION,
            educationLevel: EducationLevel.TidakSekolah,
          },
          card,
          now,
        );
        await this.records.register(m, actor, 'BORN', [
          { resident: child, familyCardNumber: card.number, reason: `Kelahiran, akta ${certificateNumber}` },
        ]);
        const birth: Birth = {
          id: randomUUID(),
          certificateNumber,
          childResidentId: child.id,
          motherResidentId: mother.id,
          fatherResidentId: father?.id ?? null,
          familyCardId: card.id,
          districtCode: dto.districtCode,
          birthDate: dto.birthDate,
          birthTime: dto.birthTime,
          birthPlace,
          weightGrams: dto.weightGrams,
          lengthCm: dto.lengthCm,
          registeredBy: actor.sub,
          registeredAt: now,
        };
        await m.insert(Birth, birth);
        await this.familyCards.join(m, card, child, relationship, now);
        await m.update(FamilyCard, { id: card.id }, { updatedAt: now });
        const possibleDuplicates = await this.duplicates.detect(m, actor, child, {
          motherResidentId: mother.id,
        });
        const loaded = await this.familyCards.publishChange(m, card, 'MEMBER_BORN', child.nik, now);
        await this.outbox.add(
          m,
          BIRTH_REGISTERED_V1,
          {
            birthId: birth.id,
            certificateNumber,
            child: {
              residentId: child.id,
              nik: child.nik,
              fullName: child.fullName,
              sex: child.sex,
              birthDate: child.birthDate,
              birthTime: birth.birthTime,
              birthPlace: child.birthPlace,
              weightGrams: birth.weightGrams,
              lengthCm: birth.lengthCm,
            },
            motherNik: mother.nik,
            fatherNik: father?.nik ?? null,
            familyCardNumber: card.number,
            villageCode: card.villageCode,
            registeredAt: now.toISOString(),
          },
          { entityId: birth.id },
        );
        await this.accessLog.record(m, {
          actor,
          action: DataAccessAction.BirthRegister,
          residentIds: [
            child.id,
            mother.id,
            ...(father ? [father.id] : []),
            ...possibleDuplicates.map((d) => d.residentId),
            ...loaded.residentIds,
          ],
          familyCardId: card.id,
        });
        return {
          id: birth.id,
          certificateNumber,
          child: residentView(child, { number: card.number, relationship }),
          birthTime: birth.birthTime,
          weightGrams: birth.weightGrams,
          lengthCm: birth.lengthCm,
          motherNik: mother.nik,
          fatherNik: father?.nik ?? null,
          familyCardNumber: card.number,
          relationship,
          districtCode: birth.districtCode,
          registeredAt: now.toISOString(),
          possibleDuplicates,
        };
      },
      // A NIK registered under this prefix after the serial was read: count past it and try again.
      { alsoRetry: (error) => isUniqueViolation(error, 'residents_nik_uq') },
    );
  }

  /** The office registering the birth is one the registrar works for (or works in). */
  private assertDistrictInJurisdiction(actor: Actor, districtCode: string): void {
    const covers = actor.jurisdiction.some(
      (prefix) => prefix.length > 0 && (districtCode.startsWith(prefix) || prefix.startsWith(districtCode)),
    );
    if (!covers) {
      throw new DomainException(
        ErrorCode.FORBIDDEN,
        'The registering district is outside your jurisdiction',
        [
          {
            field: 'districtCode',
            code: 'withinJurisdiction',
            message: 'districtCode is outside your jurisdiction',
          },
        ],
      );
    }
  }

  private async assertKnownDistrict(districtCode: string): Promise<void> {
    try {
      await this.regions.get(districtCode);
    } catch (error) {
      if (error instanceof DomainException && error.code === ErrorCode.REGION_NOT_FOUND) {
        throw invalidField('districtCode', 'knownDistrict', 'districtCode is not a known district code');
      }
      throw error;
    }
  }

  private async lockParent(m: EntityManager, actor: Actor, nik: string, field: string): Promise<Resident> {
    try {
      return await this.records.lockByNik(m, actor, nik);
    } catch (error) {
      if (error instanceof DomainException && error.code === ErrorCode.RESIDENT_NOT_FOUND) {
        throw new DomainException(error.code, error.detail, [
          {
            field,
            code: 'registered',
            message: `${field} is not a resident registered in your jurisdiction`,
          },
        ]);
      }
      throw error;
    }
  }

  /** A woman, old enough, living — or deceased on or after the birth date (she died in childbirth). */
  private async assertMother(m: EntityManager, mother: Resident, birthDate: string): Promise<void> {
    if (mother.sex !== Sex.Female) throw invalidParent('motherNik', 'motherNik names a man');
    if (addYears(mother.birthDate, MIN_PARENT_AGE_YEARS) > birthDate) {
      throw invalidParent(
        'motherNik',
        `The mother is less than ${MIN_PARENT_AGE_YEARS} years older than the child`,
      );
    }
    assertActive(mother, { allow: [ResidentStatus.Mati], field: 'motherNik', role: 'The mother' });
    if (mother.status === ResidentStatus.Mati) {
      const died = await this.dateOfDeath(m, mother.id);
      if (died === null || died < birthDate) {
        throw new DomainException(ErrorCode.RESIDENT_DECEASED, 'The mother died before the birth date', [
          {
            field: 'motherNik',
            code: 'aliveAtBirth',
            message: 'motherNik names a woman who died before the birth',
          },
        ]);
      }
    }
  }

  /**
   * A man, old enough, registered: living, moved out (he is still the father), or deceased at most
   * POSTHUMOUS_BIRTH_DAYS before the birth.
   */
  private async assertFather(m: EntityManager, father: Resident, birthDate: string): Promise<void> {
    if (father.sex !== Sex.Male) throw invalidParent('fatherNik', 'fatherNik names a woman');
    if (addYears(father.birthDate, MIN_PARENT_AGE_YEARS) > birthDate) {
      throw invalidParent(
        'fatherNik',
        `The father is less than ${MIN_PARENT_AGE_YEARS} years older than the child`,
      );
    }
    assertActive(father, {
      allow: [ResidentStatus.Mati, ResidentStatus.Pindah],
      field: 'fatherNik',
      role: 'The father',
    });
    if (father.status === ResidentStatus.Mati) {
      const died = await this.dateOfDeath(m, father.id);
      if (died === null || addDays(died, POSTHUMOUS_BIRTH_DAYS) < birthDate) {
        throw new DomainException(
          ErrorCode.RESIDENT_DECEASED,
          `The father died more than ${POSTHUMOUS_BIRTH_DAYS} days before the birth date`,
          [
            {
              field: 'fatherNik',
              code: 'aliveAtConception',
              message: 'fatherNik names a man who died too long before the birth',
            },
          ],
        );
      }
    }
  }

  private async dateOfDeath(m: EntityManager, residentId: string): Promise<string | null> {
    const rows = await m.query<{ date_of_death: string }[]>(
      `SELECT date_of_death FROM deaths WHERE resident_id = $1`,
      [residentId],
    );
    return rows[0]?.date_of_death ?? null;
  }

  /**
   * The child's relationship on the card, from a parent's: the mother's current membership, else the
   * father's, else a deceased parent's last membership when it was on this card.
   */
  private async relationshipOnCard(
    m: EntityManager,
    card: FamilyCard,
    mother: Resident,
    father: Resident | null,
  ): Promise<FamilyRelationship> {
    const parents = [mother, ...(father ? [father] : [])];
    const rows = await m.query<
      { resident_id: string; relationship: FamilyRelationship; current: boolean; last: boolean }[]
    >(
      `SELECT fm.resident_id, fm.relationship, fm.left_at IS NULL AS current,
              NOT EXISTS (SELECT 1 FROM family_card_members later
                           WHERE later.resident_id = fm.resident_id AND later.position > fm.position) AS last
         FROM family_card_members fm
        WHERE fm.family_card_id = $1 AND fm.resident_id = ANY($2::uuid[])
        ORDER BY fm.position DESC`,
      [card.id, parents.map((p) => p.id)],
    );
    for (const parent of parents) {
      const row = rows.find(
        (r) =>
          r.resident_id === parent.id && (r.current || (parent.status === ResidentStatus.Mati && r.last)),
      );
      if (row) return childRelationship(row.relationship);
    }
    throw new DomainException(
      ErrorCode.PARENT_NOT_IN_FAMILY_CARD,
      'Neither parent is a member of this family card; register the birth on a parent’s card',
      [
        {
          field: 'familyCardNumber',
          code: 'parentsCard',
          message: 'familyCardNumber is not a parent’s card',
        },
      ],
    );
  }
}
