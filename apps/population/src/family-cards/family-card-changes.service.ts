import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type ChangeFamilyHeadDto,
  ErrorCode,
  type FamilyCardView,
  FamilyRelationship,
  type SplitFamilyCardDto,
  type SplitFamilyCardView,
} from '@terpadu/contracts';
import { DomainException } from '@terpadu/messaging';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccessLogService, invalidField } from '@terpadu/service-kit';
import { DataAccessAction } from '../access-log/data-access-action';
import { Clock } from '@terpadu/clock';
import { RegionsService } from '../regions/regions.service';
import { ADDRESS_FIELDS } from '../registry/resident-fields';
import { assertActive } from '../registry/resident-guards';
import { ResidentRecordsService } from '../registry/resident-records.service';
import { Resident } from '../registry/resident.entity';
import { requiredText } from '../registry/text-fields';
import { transactionWithRetry } from '../registry/transactions';
import { FamilyCardMember } from './family-card-member.entity';
import { FamilyCard } from './family-card.entity';
import { type CardAddress, cardAddress, familyCardClosed, FamilyCardsService } from './family-cards.service';

interface CurrentMember {
  id: string;
  resident_id: string;
  nik: string;
  relationship: FamilyRelationship;
}

function notAMember(field: string): DomainException {
  return new DomainException(
    ErrorCode.NOT_A_FAMILY_MEMBER,
    'No current member of this family card has this NIK',
    [{ field, code: 'isMember', message: `${field} is not a current member of this family card` }],
  );
}

/**
 * Changes of a family card's make-up: splitting members off into a new card (pisah KK) and naming a
 * new head. Both keep the membership history: a member whose relationship changes leaves with the
 * reason and joins again with the new relationship, so the card's history shows who was head when.
 */
@Injectable()
export class FamilyCardChangesService {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly familyCards: FamilyCardsService,
    private readonly records: ResidentRecordsService,
    private readonly regions: RegionsService,
  ) {}

  /**
   * Members (not the head) leave `number` to form a new card headed by one of them. The old card
   * keeps at least one member; the new card is issued today at the old card's address or `address`.
   */
  async split(actor: Actor, number: string, dto: SplitFamilyCardDto): Promise<SplitFamilyCardView> {
    const reason = requiredText(dto.reason, 'reason');
    const leavers = dto.members.map((member, i) => ({
      nik: this.records.parseNik(member.nik, `members.${i}.nik`).nik,
      relationship: member.relationship,
      field: `members.${i}.nik`,
    }));
    const seen = new Set<string>();
    for (const leaver of leavers) {
      if (seen.has(leaver.nik)) throw invalidField(leaver.field, 'unique', `${leaver.field} is listed twice`);
      seen.add(leaver.nik);
    }
    const heads = leavers.filter((l) => l.relationship === FamilyRelationship.KepalaKeluarga);
    if (heads.length !== 1) {
      throw new DomainException(
        ErrorCode.INVALID_RELATIONSHIP,
        'Exactly one of the leaving members must be KEPALA_KELUARGA: the head of the new card',
        [{ field: 'members', code: 'oneHead', message: 'members must name exactly one KEPALA_KELUARGA' }],
      );
    }
    const newAddress = dto.address ? cardAddress(actor, dto.address) : undefined;

    return this.familyCards.guardMembership(() =>
      transactionWithRetry(this.dataSource, async (m) => {
        if (newAddress) await this.regions.assertCurrentVillage(m, newAddress.villageCode);
        const card = await this.familyCards.findCard(m, actor, number, { lock: true });
        if (card.closedAt) throw familyCardClosed();
        const current = await this.currentMembers(m, card);
        const byNik = new Map(current.map((c) => [c.nik, c]));
        const leaving = leavers.map((l) => {
          const membership = byNik.get(l.nik);
          if (!membership) throw notAMember(l.field);
          if (membership.relationship === FamilyRelationship.KepalaKeluarga) {
            throw new DomainException(
              ErrorCode.HEAD_CANNOT_LEAVE,
              'The head cannot split off; name a new head of this card first',
              [{ field: l.field, code: 'notHead', message: `${l.field} is the head of this card` }],
            );
          }
          return { ...l, membership };
        });
        if (leaving.length >= current.length) {
          throw new DomainException(
            ErrorCode.INVALID_SPLIT,
            'Every member would leave: a split leaves at least one member on the card',
          );
        }
        const residents = await this.lockResidents(
          m,
          leaving.map((l) => l.membership.resident_id),
        );
        for (const l of leaving)
          assertActive(residents.get(l.membership.resident_id) as Resident, { field: l.field });

        const now = this.clock.now();
        for (const l of leaving) {
          await this.familyCards.endMembership(m, card, l.membership, `Pisah KK: ${reason}`, now);
        }
        const address: CardAddress = newAddress ?? card;
        const newCard = await this.familyCards.issue(m, address);
        const ordered = [...leaving].sort(
          (a, b) =>
            Number(b.relationship === FamilyRelationship.KepalaKeluarga) -
            Number(a.relationship === FamilyRelationship.KepalaKeluarga),
        );
        for (const l of ordered) {
          const resident = residents.get(l.membership.resident_id) as Resident;
          await this.familyCards.join(m, newCard, resident, l.relationship, now);
          await this.relocate(m, actor, resident, address, reason);
        }
        const from = await this.familyCards.publishChange(m, card, 'SPLIT', heads[0].nik, now);
        const to = await this.familyCards.publishChange(m, newCard, 'CREATED', heads[0].nik, now);
        await this.accessLog.record(m, {
          actor,
          action: DataAccessAction.FamilyCardSplit,
          residentIds: [...from.residentIds, ...to.residentIds],
          familyCardId: card.id,
        });
        return { from: from.view, to: to.view };
      }),
    );
  }

  /**
   * A current, living member becomes the head. The previous head, if the card still has one, stays
   * with `previousHeadRelationship`; a card that needed a new head has one again. The other members'
   * relationships are left as they are.
   */
  async changeHead(actor: Actor, number: string, dto: ChangeFamilyHeadDto): Promise<FamilyCardView> {
    const nik = this.records.parseNik(dto.nik, 'nik').nik;
    const reason = requiredText(dto.reason, 'reason');
    if (dto.previousHeadRelationship === FamilyRelationship.KepalaKeluarga) {
      throw new DomainException(ErrorCode.INVALID_RELATIONSHIP, 'A family card has one head', [
        {
          field: 'previousHeadRelationship',
          code: 'notHead',
          message: 'previousHeadRelationship cannot be KEPALA_KELUARGA',
        },
      ]);
    }
    return transactionWithRetry(this.dataSource, async (m) => {
      const card = await this.familyCards.findCard(m, actor, number, { lock: true });
      if (card.closedAt) throw familyCardClosed();
      const current = await this.currentMembers(m, card);
      const target = current.find((c) => c.nik === nik);
      if (!target) throw notAMember('nik');
      if (target.relationship === FamilyRelationship.KepalaKeluarga) {
        throw new DomainException(ErrorCode.NOTHING_TO_CHANGE, 'This member is already the head');
      }
      const previous = current.find((c) => c.relationship === FamilyRelationship.KepalaKeluarga);
      if (previous && dto.previousHeadRelationship === undefined) {
        throw invalidField(
          'previousHeadRelationship',
          'isDefined',
          'previousHeadRelationship is required: the card has a head, who stays with this relationship',
        );
      }
      const residents = await this.lockResidents(
        m,
        [target.resident_id, previous?.resident_id].filter((id): id is string => id !== undefined),
      );
      const newHead = residents.get(target.resident_id) as Resident;
      assertActive(newHead, { field: 'nik', role: 'The new head' });

      const now = this.clock.now();
      const leaveReason = `Kepala keluarga diganti: ${reason}`;
      if (previous && dto.previousHeadRelationship) {
        await this.rejoin(m, card, previous, dto.previousHeadRelationship, leaveReason, now);
      }
      await this.rejoin(m, card, target, FamilyRelationship.KepalaKeluarga, leaveReason, now);
      card.needsNewHead = false;
      card.updatedAt = now;
      await m.update(FamilyCard, { id: card.id }, { needsNewHead: false, updatedAt: now });
      const { view, residentIds } = await this.familyCards.publishChange(m, card, 'HEAD_CHANGED', nik, now);
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.FamilyCardChangeHead,
        residentIds,
        familyCardId: card.id,
      });
      return view;
    });
  }

  /** Ends a membership and starts another with a new relationship, in the order the one-head index needs. */
  private async rejoin(
    m: EntityManager,
    card: FamilyCard,
    member: CurrentMember,
    relationship: FamilyRelationship,
    reason: string,
    now: Date,
  ): Promise<void> {
    await m.update(FamilyCardMember, { id: member.id }, { leftAt: now, leaveReason: reason });
    await m.insert(FamilyCardMember, {
      id: randomUUID(),
      familyCardId: card.id,
      residentId: member.resident_id,
      relationship,
      joinedAt: now,
      leftAt: null,
      leaveReason: null,
    });
  }

  private async currentMembers(m: EntityManager, card: FamilyCard): Promise<CurrentMember[]> {
    return m.query<CurrentMember[]>(
      `SELECT fm.id, fm.resident_id, r.nik, fm.relationship
         FROM family_card_members fm JOIN residents r ON r.id = fm.resident_id
        WHERE fm.family_card_id = $1 AND fm.left_at IS NULL
        ORDER BY fm.position
          FOR UPDATE OF fm`,
      [card.id],
    );
  }

  /** Locks residents in id order (after their card): concurrent changes take them in the same order. */
  private async lockResidents(m: EntityManager, ids: string[]): Promise<Map<string, Resident>> {
    const rows = await m.find(Resident, {
      where: { id: In(ids) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** A member who split off to another address lives there now: history entry and RESIDENT_UPDATED_V1. */
  private async relocate(
    m: EntityManager,
    actor: Actor,
    resident: Resident,
    address: CardAddress,
    reason: string,
  ): Promise<void> {
    const changes = ADDRESS_FIELDS.filter((field) => resident[field] !== address[field]).map((field) => ({
      field: `address.${field}`,
      from: resident[field],
      to: address[field],
    }));
    if (changes.length === 0) return;
    for (const field of ADDRESS_FIELDS) Object.assign(resident, { [field]: address[field] });
    await this.records.recordChange(m, actor, resident.id, 'RELOCATED', `Pisah KK: ${reason}`, changes);
    await this.records.saveAndPublish(
      m,
      resident,
      changes.map((c) => c.field),
    );
  }
}
