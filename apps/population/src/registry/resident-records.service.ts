import { randomUUID } from 'node:crypto';
import { invalidField } from '@terpadu/service-kit';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
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
import { residentNotFound } from '../common/domain-errors';
import { type FieldChange, ResidentChange } from './resident-change.entity';
import { ADDRESS_FIELDS, PERSON_FIELDS } from './resident-fields';
import { Resident } from './resident.entity';

/** Rows per multi-row INSERT: far below PostgreSQL's 65,535 parameters per statement. */
const INSERT_CHUNK = 1000;

/**
 * A person entering the registry: the record (newResident), the number of the family card they
 * join, if any (RESIDENT_REGISTERED_V1 carries it), and the reason their history entry gives.
 */
export interface Registration {
  resident: Resident;
  familyCardNumber: string | null;
  reason: string | null;
}

/**
 * The resident-side steps that registrations, corrections, life events, family card changes and
 * duplicate resolutions share, each inside the caller's transaction: reading a NIK, finding and
 * locking a person, writing a new person, the history entry, and the events that keep other
 * agencies' copies of the person current.
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

  /** A resident by NIK, locked or not; outside the actor's jurisdiction is not found. */
  async findByNik(m: EntityManager, actor: Actor, nik: string, o: { lock: boolean }): Promise<Resident> {
    const resident = await m.findOne(Resident, {
      where: { nik },
      ...(o.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!resident || !withinJurisdiction(resident.villageCode, actor.jurisdiction)) throw residentNotFound();
    return resident;
  }

  /** A resident by NIK, locked; outside the actor's jurisdiction is not found. */
  async lockByNik(m: EntityManager, actor: Actor, nik: string): Promise<Resident> {
    return this.findByNik(m, actor, nik, { lock: true });
  }

  /**
   * The only way a person enters the registry (registration with a NIK, birth, move in, import):
   * the records, the history entry of each listing every field as registered (at the record's
   * creation), and RESIDENT_REGISTERED_V1 for each, in the given order. Many at once for imports.
   */
  async register(
    m: EntityManager,
    actor: Actor,
    kind: Extract<ResidentChangeKind, 'REGISTERED' | 'BORN'>,
    entries: readonly Registration[],
  ): Promise<void> {
    for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
      const chunk = entries.slice(i, i + INSERT_CHUNK);
      await m.insert(
        Resident,
        chunk.map((e) => e.resident),
      );
      await m.insert(
        ResidentChange,
        chunk.map(({ resident, reason }) => ({
          id: randomUUID(),
          residentId: resident.id,
          kind,
          changedBy: actor.sub,
          changedAt: resident.createdAt,
          reason,
          changes: [
            { field: 'nik', from: null, to: resident.nik },
            ...PERSON_FIELDS.map((field) => ({ field, from: null, to: resident[field] })),
            ...ADDRESS_FIELDS.map((field) => ({
              field: `address.${field}`,
              from: null,
              to: resident[field],
            })),
          ],
        })),
      );
    }
    await this.outbox.addMany(
      m,
      entries.map(({ resident, familyCardNumber }) => ({
        subject: RESIDENT_REGISTERED_V1,
        data: {
          residentId: resident.id,
          nik: resident.nik,
          fullName: resident.fullName,
          birthDate: resident.birthDate,
          sex: resident.sex,
          villageCode: resident.villageCode,
          status: resident.status,
          familyCardNumber,
          registeredAt: resident.createdAt.toISOString(),
        },
        entityId: resident.id,
      })),
    );
  }

  /** One entry of a resident's history, made `changedAt` (now by default). */
  async recordChange(
    m: EntityManager,
    actor: Actor,
    residentId: string,
    kind: ResidentChangeKind,
    reason: string | null,
    changes: FieldChange[],
    changedAt: Date = this.clock.now(),
  ): Promise<void> {
    await m.insert(ResidentChange, {
      id: randomUUID(),
      residentId,
      kind,
      changedBy: actor.sub,
      changedAt,
      reason,
      changes,
    });
  }

  /**
   * Saves the changed resident (updated `at`, now by default) and publishes RESIDENT_UPDATED_V1 with
   * its projection fields after the change.
   */
  async saveAndPublish(
    m: EntityManager,
    resident: Resident,
    changedFields: string[],
    o: { at?: Date; deactivation?: { deactivatedAt: string; duplicateOfResidentId: string } } = {},
  ): Promise<void> {
    const { deactivation } = o;
    resident.updatedAt = o.at ?? this.clock.now();
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
}
