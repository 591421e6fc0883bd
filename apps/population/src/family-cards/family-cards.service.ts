import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type AddFamilyMemberDto,
  type AddressDto,
  type CreateFamilyCardDto,
  ErrorCode,
  FAMILY_CARD_CHANGED_V1,
  type FamilyCardChange,
  type FamilyCardView,
  FamilyRelationship,
  type RemoveFamilyMemberDto,
  withinJurisdiction,
} from '@terpadu/contracts';
import { DomainException, OutboxService } from '@terpadu/messaging';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { AccessLogService, isUniqueViolation } from '@terpadu/service-kit';
import { DataAccessAction } from '../access-log/data-access-action';
import { Clock } from '@terpadu/clock';
import { addressOutsideJurisdiction, familyCardNotFound } from '../common/domain-errors';
import { assertActive } from '../registry/resident-guards';
import { ResidentRecordsService } from '../registry/resident-records.service';
import { Resident } from '../registry/resident.entity';
import { optionalText, requiredText } from '../registry/text-fields';
import { MembershipMovedError } from '../registry/transactions';
import { FamilyCardMember } from './family-card-member.entity';
import { familyCardNumber, familyCardPrefix, MAX_FAMILY_CARD_SERIAL } from './family-card-number';
import { FamilyCard } from './family-card.entity';

interface MembershipRow {
  id: string;
  resident_id: string;
  nik: string;
  full_name: string;
  relationship: FamilyRelationship;
  joined_at: Date;
  left_at: Date | null;
  leave_reason: string | null;
}

/** A card as answered, with the residents whose data the answer shows (for the access log). */
export interface LoadedCard {
  view: FamilyCardView;
  residentIds: string[];
}

const ONE_ACTIVE_CARD_INDEX = 'family_card_members_one_active_card_uq';

/** Where a new card is: its address (a village code and the rest), as on the head's record. */
export type CardAddress = Pick<FamilyCard, 'villageCode' | 'rt' | 'rw' | 'hamlet' | 'street'>;

/** A new card's address as a split or a move in gives it: in the actor's jurisdiction, text cleaned. */
export function cardAddress(actor: Actor, dto: AddressDto): CardAddress {
  if (!withinJurisdiction(dto.villageCode, actor.jurisdiction)) throw addressOutsideJurisdiction();
  return {
    villageCode: dto.villageCode,
    rt: dto.rt,
    rw: dto.rw,
    hamlet: optionalText(dto.hamlet, 'address.hamlet'),
    street: requiredText(dto.street, 'address.street'),
  };
}

/** A resident's current membership of a family card. */
export interface ActiveMembership {
  id: string;
  relationship: FamilyRelationship;
  card: FamilyCard;
}

/** What ending a membership did to the card. */
export interface MembershipEnd {
  wasHead: boolean;
  /** The last member left: the card is closed. */
  closed: boolean;
}

export function familyCardClosed(): DomainException {
  return new DomainException(
    ErrorCode.FAMILY_CARD_CLOSED,
    'The family card is closed: none of its members is left',
  );
}

function alreadyInFamilyCard(): DomainException {
  return new DomainException(
    ErrorCode.ALREADY_IN_FAMILY_CARD,
    'The resident is already a member of a family card',
  );
}

/**
 * Family cards (KK): issuing a card to its head, members joining and leaving with their SHDK
 * relationship, and the card with its membership history. A resident is a current member of at most
 * one card (a partial unique index guarantees it; the checks here only give the nicer answer).
 * Lock order, to stay free of deadlocks: the card row, then the resident row.
 *
 * The public helpers below the RPC methods (lockWithCard, issue, join, endMembership,
 * publishChange, load, findCard) are the steps life events (births, deaths, moves, splits) and
 * duplicate resolutions take inside their own transaction.
 */
@Injectable()
export class FamilyCardsService {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly records: ResidentRecordsService,
  ) {}

  /** Issues a new card headed by a living resident who is on no other card; its address is the head's. */
  async create(actor: Actor, dto: CreateFamilyCardDto): Promise<FamilyCardView> {
    const headNik = this.records.parseNik(dto.headNik, 'headNik').nik;
    return this.guardMembership(() =>
      this.dataSource.transaction(async (m) => {
        const head = await this.records.lockByNik(m, actor, headNik);
        assertActive(head, { field: 'headNik', role: 'The head' });
        await this.assertOnNoCard(m, head.id);

        const now = this.clock.now();
        const card = await this.issue(m, head);
        await this.join(m, card, head, FamilyRelationship.KepalaKeluarga, now);
        return this.publish(m, actor, card, 'CREATED', head.nik, DataAccessAction.FamilyCardCreate, now);
      }),
    );
  }

  async get(actor: Actor, number: string): Promise<FamilyCardView> {
    return this.dataSource.transaction(async (m) => {
      const card = await this.findCard(m, actor, number, { lock: false });
      const loaded = await this.load(m, card);
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.FamilyCardRead,
        residentIds: loaded.residentIds,
        familyCardId: card.id,
      });
      return loaded.view;
    });
  }

  /** A living resident on no other card joins with a relationship other than head. */
  async addMember(actor: Actor, number: string, dto: AddFamilyMemberDto): Promise<FamilyCardView> {
    const nik = this.records.parseNik(dto.nik, 'nik').nik;
    if (dto.relationship === FamilyRelationship.KepalaKeluarga) {
      throw new DomainException(
        ErrorCode.INVALID_RELATIONSHIP,
        'A family card has one head; add members with another relationship',
      );
    }
    return this.guardMembership(() =>
      this.dataSource.transaction(async (m) => {
        const card = await this.findCard(m, actor, number, { lock: true });
        if (card.closedAt) throw familyCardClosed();
        const resident = await this.records.lockByNik(m, actor, nik);
        assertActive(resident, { field: 'nik' });
        await this.assertOnNoCard(m, resident.id);
        const now = this.clock.now();
        await this.join(m, card, resident, dto.relationship, now);
        await m.update(FamilyCard, { id: card.id }, { updatedAt: now });
        return this.publish(
          m,
          actor,
          card,
          'MEMBER_ADDED',
          resident.nik,
          DataAccessAction.FamilyCardAddMember,
          now,
        );
      }),
    );
  }

  /** A member leaves the card; the membership stays in the history with its reason. The head cannot leave. */
  async removeMember(
    actor: Actor,
    number: string,
    nik: string,
    dto: RemoveFamilyMemberDto,
  ): Promise<FamilyCardView> {
    const reason = requiredText(dto.reason, 'reason');
    return this.dataSource.transaction(async (m) => {
      const card = await this.findCard(m, actor, number, { lock: true });
      const rows = await m.query<{ id: string; relationship: FamilyRelationship }[]>(
        `SELECT fm.id, fm.relationship
           FROM family_card_members fm JOIN residents r ON r.id = fm.resident_id
          WHERE fm.family_card_id = $1 AND r.nik = $2 AND fm.left_at IS NULL
          FOR UPDATE OF fm`,
        [card.id, nik],
      );
      const membership = rows[0];
      if (!membership) {
        throw new DomainException(
          ErrorCode.NOT_A_FAMILY_MEMBER,
          'No current member of this family card has this NIK',
        );
      }
      if (membership.relationship === FamilyRelationship.KepalaKeluarga) {
        throw new DomainException(
          ErrorCode.HEAD_CANNOT_LEAVE,
          'The head of the family cannot leave the card; the card needs a new head first',
        );
      }
      const now = this.clock.now();
      // A card without a head (it needs a new one) closes when its last member is removed.
      const end = await this.endMembership(m, card, membership, reason, now);
      return this.publish(
        m,
        actor,
        card,
        end.closed ? 'CLOSED' : 'MEMBER_REMOVED',
        nik,
        DataAccessAction.FamilyCardRemoveMember,
        now,
      );
    });
  }

  /** Loads the card as answered, records the access, and writes the event: all in the caller's transaction. */
  private async publish(
    m: EntityManager,
    actor: Actor,
    card: FamilyCard,
    change: FamilyCardChange,
    affectedNik: string,
    action: DataAccessAction,
    now: Date,
  ): Promise<FamilyCardView> {
    const { view, residentIds } = await this.publishChange(m, card, change, affectedNik, now);
    await this.accessLog.record(m, { actor, action, residentIds, familyCardId: card.id });
    return view;
  }

  /**
   * A resident by NIK and their current membership, the card locked before the resident (the lock
   * order of every family card change). A membership that moved meanwhile retries the transaction
   * (transactionWithRetry).
   */
  async lockWithCard(
    m: EntityManager,
    actor: Actor,
    nik: string,
  ): Promise<{ resident: Resident; membership: ActiveMembership | null }> {
    const found = await this.records.findByNik(m, actor, nik, { lock: false });
    const before = await this.activeMembershipRow(m, found.id);
    const card = before
      ? await m.findOne(FamilyCard, {
          where: { id: before.family_card_id },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    const resident = await this.records.lockByNik(m, actor, nik);
    const after = await this.activeMembershipRow(m, resident.id);
    if (after?.id !== before?.id) throw new MembershipMovedError();
    return {
      resident,
      membership: after && card ? { id: after.id, relationship: after.relationship, card } : null,
    };
  }

  private async activeMembershipRow(
    m: EntityManager,
    residentId: string,
  ): Promise<{ id: string; family_card_id: string; relationship: FamilyRelationship } | undefined> {
    const rows = await m.query<{ id: string; family_card_id: string; relationship: FamilyRelationship }[]>(
      `SELECT id, family_card_id, relationship FROM family_card_members WHERE resident_id = $1 AND left_at IS NULL`,
      [residentId],
    );
    return rows[0];
  }

  /**
   * Issues a card at `address` (the district of its village and today's date number it) and
   * returns it without members: the caller joins its head next, in the same transaction.
   */
  async issue(m: EntityManager, address: CardAddress): Promise<FamilyCard> {
    const now = this.clock.now();
    const issuedOn = this.clock.today();
    const prefix = familyCardPrefix(address.villageCode, issuedOn);
    const card: FamilyCard = {
      id: randomUUID(),
      number: familyCardNumber(prefix, await this.nextSerial(m, prefix)),
      villageCode: address.villageCode,
      rt: address.rt,
      rw: address.rw,
      hamlet: address.hamlet,
      street: address.street,
      issuedOn,
      needsNewHead: false,
      closedAt: null,
      closeReason: null,
      createdAt: now,
      updatedAt: now,
    };
    await m.insert(FamilyCard, card);
    return card;
  }

  /**
   * Ends a current membership (kept in the history with its reason). When the head leaves, the
   * card needs a new head; when the last member leaves, the card is closed. The caller holds the
   * card's lock.
   */
  async endMembership(
    m: EntityManager,
    card: FamilyCard,
    membership: { id: string; relationship: FamilyRelationship },
    reason: string,
    now: Date,
  ): Promise<MembershipEnd> {
    await m.update(FamilyCardMember, { id: membership.id }, { leftAt: now, leaveReason: reason });
    const remaining = await m.count(FamilyCardMember, { where: { familyCardId: card.id, leftAt: IsNull() } });
    const wasHead = membership.relationship === FamilyRelationship.KepalaKeluarga;
    if (remaining === 0) {
      Object.assign(card, { needsNewHead: false, closedAt: now, closeReason: reason, updatedAt: now });
    } else {
      Object.assign(card, { needsNewHead: card.needsNewHead === true || wasHead, updatedAt: now });
    }
    await m.update(
      FamilyCard,
      { id: card.id },
      {
        needsNewHead: card.needsNewHead,
        closedAt: card.closedAt ?? null,
        closeReason: card.closeReason ?? null,
        updatedAt: now,
      },
    );
    return { wasHead, closed: remaining === 0 };
  }

  /** Writes FAMILY_CARD_CHANGED_V1 with the card's members after the change; returns the card as answered. */
  async publishChange(
    m: EntityManager,
    card: FamilyCard,
    change: FamilyCardChange,
    affectedNik: string,
    now: Date,
  ): Promise<LoadedCard> {
    const loaded = await this.load(m, card);
    const { view } = loaded;
    await this.outbox.add(
      m,
      FAMILY_CARD_CHANGED_V1,
      {
        familyCardNumber: card.number,
        villageCode: card.villageCode,
        change,
        affectedNik,
        headNik: view.headNik,
        members: view.members.map((member) => ({ nik: member.nik, relationship: member.relationship })),
        changedAt: now.toISOString(),
      },
      { entityId: card.id },
    );
    return loaded;
  }

  /** The card as answered: current members head first, and every membership past and present. */
  async load(m: EntityManager, card: FamilyCard): Promise<LoadedCard> {
    const rows = await m.query<MembershipRow[]>(
      `SELECT fm.id, fm.resident_id, r.nik, r.full_name, fm.relationship, fm.joined_at, fm.left_at, fm.leave_reason
         FROM family_card_members fm JOIN residents r ON r.id = fm.resident_id
        WHERE fm.family_card_id = $1
        ORDER BY fm.position`,
      [card.id],
    );
    const current = rows.filter((r) => r.left_at === null);
    const isHead = (r: MembershipRow) => r.relationship === FamilyRelationship.KepalaKeluarga;
    const members = [...current.filter(isHead), ...current.filter((r) => !isHead(r))];
    // No head while the card needs a new one (the head died or moved out) and once it is closed.
    const head = members.find(isHead);
    return {
      view: {
        number: card.number,
        address: {
          villageCode: card.villageCode,
          rt: card.rt,
          rw: card.rw,
          ...(card.hamlet !== null ? { hamlet: card.hamlet } : {}),
          street: card.street,
        },
        headNik: head?.nik ?? null,
        needsNewHead: card.needsNewHead === true,
        closedAt: card.closedAt?.toISOString() ?? null,
        issuedOn: card.issuedOn,
        members: members.map((r) => ({
          nik: r.nik,
          fullName: r.full_name,
          relationship: r.relationship,
          joinedAt: r.joined_at.toISOString(),
        })),
        history: rows.map((r) => ({
          nik: r.nik,
          relationship: r.relationship,
          joinedAt: r.joined_at.toISOString(),
          leftAt: r.left_at?.toISOString() ?? null,
          leaveReason: r.leave_reason,
        })),
      },
      residentIds: [...new Set(rows.map((r) => r.resident_id))],
    };
  }

  async join(
    m: EntityManager,
    card: FamilyCard,
    resident: Resident,
    relationship: FamilyRelationship,
    now: Date,
  ) {
    await m.insert(FamilyCardMember, {
      id: randomUUID(),
      familyCardId: card.id,
      residentId: resident.id,
      relationship,
      joinedAt: now,
      leftAt: null,
      leaveReason: null,
    });
  }

  /**
   * The next serial for a 12-digit prefix. The upsert locks the counter row until the transaction
   * ends, so concurrent issues of one prefix take turns; a rolled-back issue gives its serial back.
   */
  private async nextSerial(m: EntityManager, prefix: string): Promise<number> {
    const rows = await m.query<{ last_serial: number }[]>(
      `INSERT INTO family_card_serials (prefix, last_serial) VALUES ($1, 1)
       ON CONFLICT (prefix) DO UPDATE SET last_serial = family_card_serials.last_serial + 1
       RETURNING last_serial`,
      [prefix],
    );
    const serial = rows[0].last_serial;
    if (serial > MAX_FAMILY_CARD_SERIAL) {
      throw new DomainException(
        ErrorCode.SERVICE_UNAVAILABLE,
        'Every family card serial of this district for today is used; issue the card tomorrow',
      );
    }
    return serial;
  }

  async findCard(m: EntityManager, actor: Actor, number: string, o: { lock: boolean }): Promise<FamilyCard> {
    const card = await m.findOne(FamilyCard, {
      where: { number },
      ...(o.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!card || !withinJurisdiction(card.villageCode, actor.jurisdiction)) throw familyCardNotFound();
    return card;
  }

  async assertOnNoCard(m: EntityManager, residentId: string): Promise<void> {
    const active = await m.count(FamilyCardMember, { where: { residentId, leftAt: IsNull() } });
    if (active > 0) throw alreadyInFamilyCard();
  }

  /** Maps the one-active-card index's verdict (a race the checks could not see) to its domain error. */
  async guardMembership<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, ONE_ACTIVE_CARD_INDEX)) throw alreadyInFamilyCard();
      throw error;
    }
  }
}
