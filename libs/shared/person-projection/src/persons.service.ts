import { Injectable } from '@nestjs/common';
import { type Actor, ErrorCode, ResidentStatus, type Sex, withinJurisdiction } from '@terpadu/contracts';
import { DomainException } from '@terpadu/messaging';
import type { EntityManager } from 'typeorm';
import { Person } from './person.entity';

/** What a population event says about a person; an absent field is one the event does not carry. */
export interface PersonFacts {
  residentId: string;
  nik: string;
  fullName: string;
  sex: Sex;
  birthDate: string;
  villageCode: string;
  status?: ResidentStatus;
  familyCardNumber?: string | null;
}

export interface Projected {
  person: Person;
  /** The person was not known before this event. */
  inserted: boolean;
  /** The event changed the birth date of a person already known (the service's dates follow it). */
  birthDateChanged: boolean;
}

/** Whom an event waits for: population's resident ids, or NIKs (a family card names its members so). */
export interface AwaitedPersons {
  residentIds: string[];
  niks: string[];
}

/**
 * An event names a person the projection does not know yet: the projection keeps the event until
 * that person arrives (PendingPersonEvents), it is never retried into a dead letter for it.
 */
export class PersonNotYetKnownError extends Error {
  constructor(
    what: string,
    readonly awaited: AwaitedPersons,
  ) {
    super(`${what} is not known yet (its registration event may still be on its way)`);
    this.name = 'PersonNotYetKnownError';
  }
}

/** Missing, not yet known, and outside the caller's jurisdiction all look the same. */
export function residentNotFound(): DomainException {
  return new DomainException(ErrorCode.RESIDENT_NOT_FOUND, 'No resident with this NIK in your jurisdiction');
}

/**
 * A service's projection of persons. Written only by population events (each write guarded by the
 * event time, so a late redelivery of an older event changes nothing); read by the service's
 * features to find a person by NIK within the caller's jurisdiction.
 */
@Injectable()
export class PersonsService {
  /** The person with this NIK inside the caller's jurisdiction, or RESIDENT_NOT_FOUND. */
  async findInJurisdiction(
    m: EntityManager,
    actor: Actor,
    nik: string,
    o: { lock?: boolean } = {},
  ): Promise<Person> {
    const person = await m.findOne(Person, {
      where: { nik },
      ...(o.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (
      !person ||
      person.deactivatedAt !== null ||
      !withinJurisdiction(person.villageCode, actor.jurisdiction)
    )
      throw residentNotFound();
    return person;
  }

  /** The person by resident id for an event handler; locked for the rest of the transaction. */
  async require(m: EntityManager, residentId: string): Promise<Person> {
    const person = await m.findOne(Person, {
      where: { residentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!person) throw new PersonNotYetKnownError('A resident', { residentIds: [residentId], niks: [] });
    return person;
  }

  /**
   * Inserts the person, or updates what the event is newer for: details (name, sex, birth date,
   * village), status, family card, each against the time of the event that last set it.
   */
  async project(m: EntityManager, facts: PersonFacts, at: Date): Promise<Projected> {
    const insert = await m
      .createQueryBuilder()
      .insert()
      .into(Person)
      .values({
        residentId: facts.residentId,
        nik: facts.nik,
        fullName: facts.fullName,
        sex: facts.sex,
        birthDate: facts.birthDate,
        villageCode: facts.villageCode,
        familyCardNumber: facts.familyCardNumber ?? null,
        status: facts.status ?? ResidentStatus.Hidup,
        diedOn: null,
        movedOutOn: null,
        deactivatedAt: null,
        duplicateOfResidentId: null,
        detailsAsOf: at,
        statusAsOf: at,
        familyCardAsOf: at,
      })
      .orIgnore()
      .returning('resident_id')
      .execute();
    // ON CONFLICT DO NOTHING returns the row only when this statement inserted it.
    const inserted = (insert.raw as unknown[]).length > 0;
    const person = await this.require(m, facts.residentId);
    let birthDateChanged = false;
    if (person.detailsAsOf < at) {
      birthDateChanged = person.birthDate !== facts.birthDate;
      Object.assign(person, {
        nik: facts.nik,
        fullName: facts.fullName,
        sex: facts.sex,
        birthDate: facts.birthDate,
        villageCode: facts.villageCode,
        detailsAsOf: at,
      });
    }
    if (facts.status !== undefined && person.statusAsOf < at) {
      person.status = facts.status;
      person.statusAsOf = at;
    }
    if (facts.familyCardNumber !== undefined && person.familyCardAsOf < at) {
      person.familyCardNumber = facts.familyCardNumber;
      person.familyCardAsOf = at;
    }
    if (!inserted) await m.save(Person, person);
    return { person, inserted, birthDateChanged };
  }

  /** Sets the status (with the day of moving out) unless a newer event already set it. */
  async changeStatus(
    m: EntityManager,
    person: Person,
    change: { status: ResidentStatus; movedOutOn?: string | null },
    at: Date,
  ): Promise<void> {
    if (person.statusAsOf > at) return;
    person.status = change.status;
    person.statusAsOf = at;
    if (change.movedOutOn !== undefined) person.movedOutOn = change.movedOutOn;
    await m.save(Person, person);
  }

  /** The day of death is a fact whatever the order of events; the status follows its own guard. */
  async recordDeath(m: EntityManager, person: Person, diedOn: string): Promise<void> {
    person.diedOn = diedOn;
    await m.save(Person, person);
  }

  /**
   * Applies a family card's membership: `members` are on `number`; `leaver`, if given, left it.
   * Throws PersonNotYetKnownError naming the members not known yet, so the event waits for them.
   * Returns the persons whose card this changed.
   */
  async applyFamilyCard(
    m: EntityManager,
    number: string,
    memberNiks: string[],
    leaverNik: string | null,
    at: Date,
  ): Promise<Person[]> {
    const niks = [...new Set([...memberNiks, ...(leaverNik ? [leaverNik] : [])])];
    const persons = await m
      .createQueryBuilder(Person, 'p')
      .where('p.nik = ANY(:niks)', { niks })
      .setLock('pessimistic_write')
      .getMany();
    if (persons.length < niks.length) {
      const known = new Set(persons.map((p) => p.nik));
      throw new PersonNotYetKnownError('A member of a family card', {
        residentIds: [],
        niks: niks.filter((nik) => !known.has(nik)),
      });
    }
    const changed: Person[] = [];
    for (const person of persons) {
      if (person.familyCardAsOf > at) continue;
      const member = memberNiks.includes(person.nik);
      if (!member && person.familyCardNumber !== number) continue;
      person.familyCardNumber = member ? number : null;
      person.familyCardAsOf = at;
      await m.save(Person, person);
      changed.push(person);
    }
    return changed;
  }
}
