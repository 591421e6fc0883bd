import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type FamilyRelationship,
  type ParsedNik,
  parseNik,
  RESIDENT_REGISTERED_V1,
  RESIDENT_UPDATED_V1,
  type ResidentChangeKind,
  withinJurisdiction,
} from '@terpadu/contracts';
import { OutboxService } from '@terpadu/messaging';
import type { EntityManager } from 'typeorm';
import { Clock } from '@terpadu/clock';
import { invalidField, residentNotFound } from '../common/domain-errors';
import { FamilyCard } from '../family-cards/family-card.entity';
import { type FieldChange, ResidentChange } from '../residents/resident-change.entity';
import { Resident } from '../residents/resident.entity';
import { MembershipMovedError } from './transactions';

/** A resident's current membership of a family card. */
export interface ActiveMembership {
  id: string;
  relationship: FamilyRelationship;
  card: FamilyCard;
}

/** What a new record's history entry lists: every field as registered. */
const REGISTERED_FIELDS = [
  'nik',
  'fullName',
  'birthPlace',
  'birthDate',
  'sex',
  'religion',
  'maritalStatus',
  'occupation',
  'educationLevel',
] as const;
const ADDRESS_FIELDS = ['villageCode', 'rt', 'rw', 'hamlet', 'street'] as const;

/**
 * The resident-side steps every life event shares, each inside the caller's transaction: finding
 * and locking a person (in the registry's lock order: family card, then resident), the history
 * entry, and the events that keep other agencies' copies of the person current.
 */
@Injectable()
export class ResidentRecordsService {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  parseNik(raw: string, field: string): ParsedNik {
    const result = parseNik(raw, this.clock.today());
    if (!result.ok) throw invalidField(field, 'isNik', `${field} is invalid: ${result.message}`);
    return result.value;
  }

  /** A resident by NIK, locked; outside the actor's jurisdiction is not found. */
  async lockByNik(m: EntityManager, actor: Actor, nik: string): Promise<Resident> {
    const resident = await m.findOne(Resident, { where: { nik }, lock: { mode: 'pessimistic_write' } });
    if (!resident || !withinJurisdiction(resident.villageCode, actor.jurisdiction)) throw residentNotFound();
    return resident;
  }

  /**
   * A resident by NIK and their current membership, the card locked before the resident (the lock
   * order of every family card change). A membership that moved meanwhile retries the transaction.
   */
  async lockWithCard(
    m: EntityManager,
    actor: Actor,
    nik: string,
  ): Promise<{ resident: Resident; membership: ActiveMembership | null }> {
    const found = await m.findOne(Resident, { where: { nik } });
    if (!found || !withinJurisdiction(found.villageCode, actor.jurisdiction)) throw residentNotFound();
    const before = await this.activeMembershipRow(m, found.id);
    const card = before
      ? await m.findOne(FamilyCard, {
          where: { id: before.family_card_id },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    const resident = await this.lockByNik(m, actor, nik);
    const after = await this.activeMembershipRow(m, resident.id);
    if (after?.id !== before?.id) throw new MembershipMovedError();
    return {
      resident,
      membership: after && card ? { id: after.id, relationship: after.relationship, card } : null,
    };
  }

  /** The current membership of a resident (no lock). */
  async activeMembership(m: EntityManager, residentId: string): Promise<ActiveMembership | null> {
    const row = await this.activeMembershipRow(m, residentId);
    if (!row) return null;
    const card = await m.findOneByOrFail(FamilyCard, { id: row.family_card_id });
    return { id: row.id, relationship: row.relationship, card };
  }

  /**
   * A person new to the registry (a newborn, or someone moving in): the record, its history entry
   * listing every field, and RESIDENT_REGISTERED_V1.
   */
  async insert(
    m: EntityManager,
    actor: Actor,
    resident: Resident,
    o: {
      kind: Extract<ResidentChangeKind, 'REGISTERED' | 'BORN'>;
      reason: string | null;
      familyCardNumber: string | null;
    },
  ): Promise<void> {
    await m.insert(Resident, resident);
    await this.recordChange(m, actor, resident.id, o.kind, o.reason, [
      ...REGISTERED_FIELDS.map((field) => ({ field, from: null, to: resident[field] })),
      ...ADDRESS_FIELDS.map((field) => ({ field: `address.${field}`, from: null, to: resident[field] })),
    ]);
    await this.outbox.add(
      m,
      RESIDENT_REGISTERED_V1,
      {
        residentId: resident.id,
        nik: resident.nik,
        fullName: resident.fullName,
        birthDate: resident.birthDate,
        sex: resident.sex,
        villageCode: resident.villageCode,
        status: resident.status,
        familyCardNumber: o.familyCardNumber,
        registeredAt: resident.createdAt.toISOString(),
      },
      { entityId: resident.id },
    );
  }

  async recordChange(
    m: EntityManager,
    actor: Actor,
    residentId: string,
    kind: ResidentChangeKind,
    reason: string | null,
    changes: FieldChange[],
  ): Promise<void> {
    await m.insert(ResidentChange, {
      id: randomUUID(),
      residentId,
      kind,
      changedBy: actor.sub,
      changedAt: this.clock.now(),
      reason,
      changes,
    });
  }

  /** Saves the changed resident and publishes RESIDENT_UPDATED_V1 with its projection fields after the change. */
  async saveAndPublish(
    m: EntityManager,
    resident: Resident,
    changedFields: string[],
    deactivation?: { deactivatedAt: string; duplicateOfResidentId: string },
  ): Promise<void> {
    resident.updatedAt = this.clock.now();
    await m.save(Resident, resident);
    await this.outbox.add(
      m,
      RESIDENT_UPDATED_V1,
      {
        residentId: resident.id,
        nik: resident.nik,
        changedFields,
        fullName: resident.fullName,
        birthDate: resident.birthDate,
        sex: resident.sex,
        villageCode: resident.villageCode,
        status: resident.status,
        updatedAt: resident.updatedAt.toISOString(),
        ...(deactivation ? { deactivation } : {}),
      },
      { entityId: resident.id },
    );
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
}
