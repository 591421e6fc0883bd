import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  ErrorCode,
  FamilyRelationship,
  type MoveInDto,
  type MoveInView,
  type MoveOutDto,
  type MoveOutView,
  type MovedInPersonView,
  type MovedPersonView,
  type PossibleDuplicateView,
  RESIDENT_MOVED_IN_V1,
  RESIDENT_MOVED_OUT_V1,
  ResidentStatus,
} from '@terpadu/contracts';
import { DomainException, OutboxService } from '@terpadu/messaging';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccessLogService, invalidField, isUniqueViolation } from '@terpadu/service-kit';
import { DataAccessAction } from '../access-log/data-access-action';
import { Clock } from '@terpadu/clock';
import { DuplicatesService } from '../duplicates/duplicates.service';
import { FamilyCard } from '../family-cards/family-card.entity';
import {
  type ActiveMembership,
  cardAddress,
  familyCardClosed,
  FamilyCardsService,
} from '../family-cards/family-cards.service';
import { RegionsService } from '../regions/regions.service';
import { newResident } from '../registry/new-resident';
import { ADDRESS_FIELDS } from '../registry/resident-fields';
import { assertActive, assertNotInFuture } from '../registry/resident-guards';
import { ResidentRecordsService } from '../registry/resident-records.service';
import { Resident } from '../registry/resident.entity';
import { optionalText, requiredText } from '../registry/text-fields';
import { transactionWithRetry } from '../registry/transactions';
import { MoveMember } from './move-member.entity';
import { Move } from './move.entity';

interface Mover {
  resident: Resident;
  membership: ActiveMembership | null;
}

function nikAlreadyRegistered(field: string): DomainException {
  return new DomainException(
    ErrorCode.NIK_ALREADY_REGISTERED,
    'A living resident of this registry has this NIK: they cannot move in',
    [{ field, code: 'unique', message: `${field} is already registered as a living resident` }],
  );
}

function dateBeforeBirth(): DomainException {
  return new DomainException(ErrorCode.DATE_BEFORE_BIRTH, 'The move is dated before a mover’s birth', [
    { field: 'movedOn', code: 'afterBirth', message: 'movedOn is before the birth date of a person moving' },
  ]);
}

/**
 * Moves out of and into the regency's registry. Out: one person or a whole family card; each
 * person's status becomes PINDAH and they leave their card (a whole family closes it). In: people
 * with NIKs issued elsewhere, or returning residents (PINDAH here), join an existing card or a new
 * one issued at the given address. One transaction each, with RESIDENT_MOVED_OUT_V1 /
 * RESIDENT_MOVED_IN_V1 per person, RESIDENT_UPDATED_V1 or RESIDENT_REGISTERED_V1 for their status,
 * and FAMILY_CARD_CHANGED_V1 for the card.
 */
@Injectable()
export class MovesService {
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

  async moveOut(actor: Actor, dto: MoveOutDto): Promise<MoveOutView> {
    if (dto.nik !== undefined && dto.familyCardNumber !== undefined) {
      throw invalidField('familyCardNumber', 'exclusive', 'give nik or familyCardNumber, not both');
    }
    const nik = dto.nik === undefined ? undefined : this.records.parseNik(dto.nik, 'nik').nik;
    const reason = requiredText(dto.reason, 'reason');
    assertNotInFuture(dto.movedOn, this.clock.today(), 'movedOn');
    await this.assertKnownRegion(dto.destinationRegionCode, 'destinationRegionCode');

    return transactionWithRetry(this.dataSource, async (m) => {
      let movers: Mover[];
      let wholeCard: FamilyCard | null = null;
      if (nik !== undefined) {
        const mover = await this.familyCards.lockWithCard(m, actor, nik);
        assertActive(mover.resident, { field: 'nik' });
        movers = [mover];
      } else {
        wholeCard = await this.familyCards.findCard(m, actor, dto.familyCardNumber as string, { lock: true });
        if (wholeCard.closedAt) throw familyCardClosed();
        movers = await this.lockCardMembers(m, wholeCard);
        for (const mover of movers) assertActive(mover.resident);
      }
      if (movers.some((mv) => dto.movedOn < mv.resident.birthDate)) throw dateBeforeBirth();

      const now = this.clock.now();
      const move: Move = {
        id: randomUUID(),
        direction: 'OUT',
        regionCode: dto.destinationRegionCode,
        movedOn: dto.movedOn,
        reason,
        familyCardId: wholeCard?.id ?? null,
        registeredBy: actor.sub,
        registeredAt: now,
      };
      await m.insert(Move, move);
      const leaveReason = `Pindah keluar: ${reason}`;
      const people: MovedPersonView[] = [];
      let closed = false;
      for (const { resident, membership } of movers) {
        if (membership)
          closed = (await this.familyCards.endMembership(m, membership.card, membership, leaveReason, now))
            .closed;
        resident.status = ResidentStatus.Pindah;
        await this.records.recordChange(m, actor, resident.id, 'MOVED_OUT', reason, [
          { field: 'status', from: ResidentStatus.Hidup, to: ResidentStatus.Pindah },
        ]);
        await this.records.saveAndPublish(m, resident, ['status']);
        await m.insert(MoveMember, {
          moveId: move.id,
          residentId: resident.id,
          familyCardId: membership?.card.id ?? null,
          relationship: membership?.relationship ?? null,
          returning: false,
        });
        await this.outbox.add(
          m,
          RESIDENT_MOVED_OUT_V1,
          {
            moveId: move.id,
            residentId: resident.id,
            nik: resident.nik,
            fromVillageCode: resident.villageCode,
            destinationRegionCode: move.regionCode as string,
            movedOn: move.movedOn,
            familyCardNumber: membership?.card.number ?? null,
            registeredAt: now.toISOString(),
          },
          { entityId: resident.id },
        );
        people.push({
          residentId: resident.id,
          nik: resident.nik,
          fullName: resident.fullName,
          familyCardNumber: membership?.card.number ?? null,
          relationship: membership?.relationship ?? null,
        });
      }

      const card = wholeCard ?? movers[0].membership?.card ?? null;
      const cardResidentIds: string[] = [];
      if (card) {
        const head = movers.find((mv) => mv.membership?.relationship === FamilyRelationship.KepalaKeluarga);
        const affected = wholeCard ? (head ?? movers[0]).resident.nik : movers[0].resident.nik;
        const loaded = await this.familyCards.publishChange(
          m,
          card,
          closed ? 'CLOSED' : 'MEMBER_MOVED_OUT',
          affected,
          now,
        );
        cardResidentIds.push(...loaded.residentIds);
      }
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.MoveOut,
        residentIds: [...movers.map((mv) => mv.resident.id), ...cardResidentIds],
        ...(card ? { familyCardId: card.id } : {}),
      });
      return {
        id: move.id,
        destinationRegionCode: dto.destinationRegionCode,
        movedOn: move.movedOn,
        reason,
        people,
        familyCardClosed: closed,
        registeredAt: now.toISOString(),
      };
    });
  }

  async moveIn(actor: Actor, dto: MoveInDto): Promise<MoveInView> {
    if (dto.familyCardNumber !== undefined && dto.address !== undefined) {
      throw invalidField('address', 'exclusive', 'give familyCardNumber or address, not both');
    }
    const today = this.clock.today();
    assertNotInFuture(dto.movedOn, today, 'movedOn');
    const reason = optionalText(dto.reason, 'reason');
    const people = dto.people.map((p, i) => ({
      ...p,
      nik: this.records.parseNik(p.nik, `people.${i}.nik`),
      field: `people.${i}`,
    }));
    const seen = new Set<string>();
    for (const p of people) {
      if (seen.has(p.nik.nik))
        throw invalidField(`${p.field}.nik`, 'unique', `${p.field}.nik is listed twice`);
      seen.add(p.nik.nik);
      if (p.person) assertNotInFuture(p.person.birthDate, today, `${p.field}.person.birthDate`);
    }
    const heads = people.filter((p) => p.relationship === FamilyRelationship.KepalaKeluarga).length;
    const newCard = dto.address !== undefined;
    if (newCard ? heads !== 1 : heads !== 0) {
      throw new DomainException(
        ErrorCode.INVALID_RELATIONSHIP,
        newCard
          ? 'A new family card needs exactly one KEPALA_KELUARGA among the people moving in'
          : 'The card already has a head: people joining it take another relationship',
        [
          {
            field: 'people',
            code: 'oneHead',
            message: newCard
              ? 'people must name exactly one KEPALA_KELUARGA'
              : 'people cannot include KEPALA_KELUARGA',
          },
        ],
      );
    }
    const address = dto.address ? cardAddress(actor, dto.address) : undefined;
    if (dto.originRegionCode !== undefined)
      await this.assertKnownRegion(dto.originRegionCode, 'originRegionCode');
    // The head joins a new card first.
    const ordered = [...people].sort(
      (a, b) =>
        Number(b.relationship === FamilyRelationship.KepalaKeluarga) -
        Number(a.relationship === FamilyRelationship.KepalaKeluarga),
    );

    try {
      return await transactionWithRetry(this.dataSource, async (m) => {
        let card: FamilyCard;
        if (address) {
          await this.regions.assertCurrentVillage(m, address.villageCode);
          card = await this.familyCards.issue(m, address);
        } else {
          card = await this.familyCards.findCard(m, actor, dto.familyCardNumber as string, { lock: true });
          if (card.closedAt) throw familyCardClosed();
        }
        const now = this.clock.now();
        const move: Move = {
          id: randomUUID(),
          direction: 'IN',
          regionCode: dto.originRegionCode ?? null,
          movedOn: dto.movedOn,
          reason,
          familyCardId: card.id,
          registeredBy: actor.sub,
          registeredAt: now,
        };
        await m.insert(Move, move);

        const moved: MovedInPersonView[] = [];
        const possibleDuplicates: PossibleDuplicateView[] = [];
        for (const p of ordered) {
          const existing = await m.findOne(Resident, {
            where: { nik: p.nik.nik },
            lock: { mode: 'pessimistic_write' },
          });
          let resident: Resident;
          if (existing) {
            if (existing.status === ResidentStatus.Hidup && !existing.deactivatedAt)
              throw nikAlreadyRegistered(`${p.field}.nik`);
            assertActive(existing, { allow: [ResidentStatus.Pindah], field: `${p.field}.nik` });
            if (dto.movedOn < existing.birthDate) throw dateBeforeBirth();
            await this.familyCards.assertOnNoCard(m, existing.id);
            resident = existing;
            await this.returning(m, actor, resident, card, reason);
          } else {
            if (!p.person) {
              throw invalidField(
                `${p.field}.person`,
                'isDefined',
                `${p.field}.person is required: the NIK is not registered here, so the personal data must come with it`,
              );
            }
            if (dto.movedOn < p.person.birthDate) throw dateBeforeBirth();
            resident = newResident(
              p.nik,
              {
                fullName: requiredText(p.person.fullName, `${p.field}.person.fullName`),
                birthPlace: requiredText(p.person.birthPlace, `${p.field}.person.birthPlace`),
                birthDate: p.person.birthDate,
                sex: p.person.sex,
                religion: p.person.religion,
                maritalStatus: p.person.maritalStatus,
                occupation: requiredText(p.person.occupation, `${p.field}.person.occupation`),
                educationLevel: p.person.educationLevel,
              },
              card,
              now,
            );
            await this.records.register(m, actor, 'REGISTERED', [
              {
                resident,
                familyCardNumber: card.number,
                reason: reason === null ? 'Pindah datang' : `Pindah datang: ${reason}`,
              },
            ]);
            possibleDuplicates.push(...(await this.duplicates.detect(m, actor, resident)));
          }
          await this.familyCards.join(m, card, resident, p.relationship, now);
          await m.insert(MoveMember, {
            moveId: move.id,
            residentId: resident.id,
            familyCardId: card.id,
            relationship: p.relationship,
            returning: existing !== null,
          });
          await this.outbox.add(
            m,
            RESIDENT_MOVED_IN_V1,
            {
              moveId: move.id,
              residentId: resident.id,
              nik: resident.nik,
              fullName: resident.fullName,
              birthDate: resident.birthDate,
              sex: resident.sex,
              villageCode: card.villageCode,
              familyCardNumber: card.number,
              relationship: p.relationship,
              originRegionCode: move.regionCode,
              movedOn: move.movedOn,
              registeredAt: now.toISOString(),
            },
            { entityId: resident.id },
          );
          if (!address) {
            await this.familyCards.publishChange(m, card, 'MEMBER_MOVED_IN', resident.nik, now);
          }
          moved.push({
            residentId: resident.id,
            nik: resident.nik,
            fullName: resident.fullName,
            familyCardNumber: card.number,
            relationship: p.relationship,
            returning: existing !== null,
          });
        }
        await m.update(FamilyCard, { id: card.id }, { updatedAt: now });
        const loaded = address
          ? await this.familyCards.publishChange(m, card, 'CREATED', moved[0].nik, now)
          : await this.familyCards.load(m, card);
        await this.accessLog.record(m, {
          actor,
          action: DataAccessAction.MoveIn,
          residentIds: [...loaded.residentIds, ...possibleDuplicates.map((d) => d.residentId)],
          familyCardId: card.id,
        });
        return {
          id: move.id,
          originRegionCode: move.regionCode,
          movedOn: move.movedOn,
          people: people.map((p) => moved.find((mv) => mv.nik === p.nik.nik) as MovedInPersonView),
          familyCard: loaded.view,
          possibleDuplicates,
          registeredAt: now.toISOString(),
        };
      });
    } catch (error) {
      // A registration of one of these NIKs committed meanwhile.
      if (isUniqueViolation(error, 'residents_nik_uq')) throw nikAlreadyRegistered('people');
      throw error;
    }
  }

  /** A resident who had moved out comes back: living again, at the card's address. */
  private async returning(
    m: EntityManager,
    actor: Actor,
    resident: Resident,
    card: FamilyCard,
    reason: string | null,
  ): Promise<void> {
    const changes = [
      { field: 'status', from: resident.status, to: ResidentStatus.Hidup },
      ...ADDRESS_FIELDS.filter((field) => resident[field] !== card[field]).map((field) => ({
        field: `address.${field}`,
        from: resident[field],
        to: card[field],
      })),
    ];
    resident.status = ResidentStatus.Hidup;
    for (const field of ADDRESS_FIELDS) Object.assign(resident, { [field]: card[field] });
    await this.records.recordChange(
      m,
      actor,
      resident.id,
      'MOVED_IN',
      reason === null ? 'Pindah datang' : `Pindah datang: ${reason}`,
      changes,
    );
    await this.records.saveAndPublish(
      m,
      resident,
      changes.map((c) => c.field),
    );
  }

  /** Every current member of a locked card, their records locked in id order. */
  private async lockCardMembers(m: EntityManager, card: FamilyCard): Promise<Mover[]> {
    const rows = await m.query<{ id: string; resident_id: string; relationship: FamilyRelationship }[]>(
      `SELECT id, resident_id, relationship FROM family_card_members
        WHERE family_card_id = $1 AND left_at IS NULL ORDER BY position FOR UPDATE`,
      [card.id],
    );
    const residents = await m.find(Resident, {
      where: { id: In(rows.map((r) => r.resident_id)) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const byId = new Map(residents.map((r) => [r.id, r]));
    return rows.map((r) => ({
      resident: byId.get(r.resident_id) as Resident,
      membership: { id: r.id, relationship: r.relationship, card },
    }));
  }

  private async assertKnownRegion(code: string, field: string): Promise<void> {
    try {
      await this.regions.get(code);
    } catch (error) {
      if (error instanceof DomainException && error.code === ErrorCode.REGION_NOT_FOUND) {
        throw invalidField(field, 'knownRegion', `${field} is not a known region code`);
      }
      throw error;
    }
  }
}
