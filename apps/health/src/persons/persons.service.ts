import { Injectable } from '@nestjs/common';
import { type Actor, ResidentStatus, type Sex, withinJurisdiction } from '@terpadu/contracts';
import type { EntityManager } from 'typeorm';
import { residentNotFound } from '../common/domain-errors';
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
  /** The event changed the birth date of a person already known (the schedule's dates follow it). */
  birthDateChanged: boolean;
}

/** Thrown by a handler whose event names a person health does not know yet: retried, then parked. */
export class PersonNotYetKnownError extends Error {
  constructor(what: string) {
    super(`${what} is not known to health yet (its registration event may still be on its way)`);
    this.name = 'PersonNotYetKnownError';
  }
}

/**
 * Health's projection of persons. Written only by population events (each write guarded by the
 * event time, so a late redelivery of an older event changes nothing); read by every health
 * feature to find a person by NIK within the caller's jurisdiction.
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
    if (!person) throw new PersonNotYetKnownError(`Resident ${residentId}`);
    return person;
  }

  /**
   * Inserts the person, or updates what the event is newer for: details (name, sex, birth date,
   * village), status, family card, each against the time of the event that last set it.
   */
  async project(m: EntityManager, facts: PersonFacts, at: Date): Promise<Projected> {
    await m
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
      .execute();
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
    await m.save(Person, person);
    return { person, birthDateChanged };
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
   * Throws PersonNotYetKnownError when a member is unknown yet, so the event is retried later.
   */
  async applyFamilyCard(
    m: EntityManager,
    number: string,
    memberNiks: string[],
    leaverNik: string | null,
    at: Date,
  ): Promise<void> {
    const niks = [...new Set([...memberNiks, ...(leaverNik ? [leaverNik] : [])])];
    const persons = await m
      .createQueryBuilder(Person, 'p')
      .where('p.nik = ANY(:niks)', { niks })
      .setLock('pessimistic_write')
      .getMany();
    if (persons.length < niks.length) throw new PersonNotYetKnownError(`A member of family card change`);
    for (const person of persons) {
      if (person.familyCardAsOf > at) continue;
      const member = memberNiks.includes(person.nik);
      if (!member && person.familyCardNumber !== number) continue;
      person.familyCardNumber = member ? number : null;
      person.familyCardAsOf = at;
      await m.save(Person, person);
    }
  }
}
