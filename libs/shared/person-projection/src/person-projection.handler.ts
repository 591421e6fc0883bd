import { Inject, Injectable } from '@nestjs/common';
import { calendarDate, Clock } from '@terpadu/clock';
import {
  BIRTH_REGISTERED_V1,
  type BirthRegisteredV1,
  type CloudEvent,
  DEATH_REGISTERED_V1,
  type DeathRegisteredV1,
  FAMILY_CARD_CHANGED_V1,
  type FamilyCardChangedV1,
  RESIDENT_MOVED_IN_V1,
  RESIDENT_MOVED_OUT_V1,
  RESIDENT_REGISTERED_V1,
  RESIDENT_UPDATED_V1,
  type ResidentMovedInV1,
  type ResidentMovedOutV1,
  type ResidentRegisteredV1,
  ResidentStatus,
  type ResidentUpdatedV1,
} from '@terpadu/contracts';
import { EventConsumer, OnEvent } from '@terpadu/messaging';
import type { EntityManager } from 'typeorm';
import { PendingPersonEvents } from './pending-person-events';
import { Person } from './person.entity';
import {
  PERSON_PROJECTION_HOOKS,
  PersonArrivalOrigin,
  type PersonProjectionHooks,
} from './person-projection.hooks';
import { PersonNotYetKnownError, PersonsService } from './persons.service';

/** The persons an event made known for the first time: events waiting for them run next. */
type Arrivals = Person[];

/**
 * A service's only source of persons: population's events on one durable consumer
 * (`<service>__person-projection`), in stream order, with an inbox (a redelivered event has no
 * second effect). Every write goes through `m`, the inbox transaction. Projection fields are
 * guarded by event time, so a late or repeated older event changes nothing newer. An event about a
 * person not known yet waits (PendingPersonEvents) and is applied in the transaction that projects
 * that person. The service's own reactions run through its hooks.
 */
@Injectable()
@EventConsumer('person-projection')
export class PersonProjectionHandler {
  constructor(
    private readonly clock: Clock,
    @Inject(PERSON_PROJECTION_HOOKS) private readonly hooks: PersonProjectionHooks,
    private readonly pending: PendingPersonEvents,
    private readonly persons: PersonsService,
  ) {}

  @OnEvent(RESIDENT_REGISTERED_V1)
  onResidentRegistered(event: CloudEvent<ResidentRegisteredV1>, m: EntityManager): Promise<void> {
    return this.run(event, m);
  }

  @OnEvent(BIRTH_REGISTERED_V1)
  onBirthRegistered(event: CloudEvent<BirthRegisteredV1>, m: EntityManager): Promise<void> {
    return this.run(event, m);
  }

  @OnEvent(RESIDENT_UPDATED_V1)
  onResidentUpdated(event: CloudEvent<ResidentUpdatedV1>, m: EntityManager): Promise<void> {
    return this.run(event, m);
  }

  @OnEvent(FAMILY_CARD_CHANGED_V1)
  onFamilyCardChanged(event: CloudEvent<FamilyCardChangedV1>, m: EntityManager): Promise<void> {
    return this.run(event, m);
  }

  @OnEvent(DEATH_REGISTERED_V1)
  onDeathRegistered(event: CloudEvent<DeathRegisteredV1>, m: EntityManager): Promise<void> {
    return this.run(event, m);
  }

  @OnEvent(RESIDENT_MOVED_OUT_V1)
  onResidentMovedOut(event: CloudEvent<ResidentMovedOutV1>, m: EntityManager): Promise<void> {
    return this.run(event, m);
  }

  @OnEvent(RESIDENT_MOVED_IN_V1)
  onResidentMovedIn(event: CloudEvent<ResidentMovedInV1>, m: EntityManager): Promise<void> {
    return this.run(event, m);
  }

  /** Applies the event, then every event that was waiting for a person it made known. */
  private async run(event: CloudEvent<unknown>, m: EntityManager): Promise<void> {
    let arrivals = await this.applyOrWait(event, m);
    while (arrivals.length > 0) {
      const waiting = await this.pending.take(m, arrivals);
      arrivals = [];
      for (const next of waiting) arrivals.push(...(await this.applyOrWait(next, m)));
    }
  }

  /** One event, all or nothing: when it names a person not known yet it waits, with no effect. */
  private async applyOrWait(event: CloudEvent<unknown>, m: EntityManager): Promise<Arrivals> {
    await m.query('SAVEPOINT person_projection_event');
    try {
      const arrivals = await this.apply(event, m);
      await m.query('RELEASE SAVEPOINT person_projection_event');
      return arrivals;
    } catch (error) {
      if (!(error instanceof PersonNotYetKnownError)) throw error;
      await m.query('ROLLBACK TO SAVEPOINT person_projection_event');
      await this.pending.defer(m, event, error.awaited);
      return [];
    }
  }

  private apply(event: CloudEvent<unknown>, m: EntityManager): Promise<Arrivals> {
    switch (event.type) {
      case RESIDENT_REGISTERED_V1:
        return this.residentRegistered(event as CloudEvent<ResidentRegisteredV1>, m);
      case BIRTH_REGISTERED_V1:
        return this.birthRegistered(event as CloudEvent<BirthRegisteredV1>, m);
      case RESIDENT_UPDATED_V1:
        return this.residentUpdated(event as CloudEvent<ResidentUpdatedV1>, m);
      case FAMILY_CARD_CHANGED_V1:
        return this.familyCardChanged(event as CloudEvent<FamilyCardChangedV1>, m);
      case DEATH_REGISTERED_V1:
        return this.deathRegistered(event as CloudEvent<DeathRegisteredV1>, m);
      case RESIDENT_MOVED_OUT_V1:
        return this.residentMovedOut(event as CloudEvent<ResidentMovedOutV1>, m);
      case RESIDENT_MOVED_IN_V1:
        return this.residentMovedIn(event as CloudEvent<ResidentMovedInV1>, m);
      default:
        throw new Error(`The person projection does not handle ${event.type}`);
    }
  }

  private async residentRegistered(
    event: CloudEvent<ResidentRegisteredV1>,
    m: EntityManager,
  ): Promise<Arrivals> {
    const d = event.data;
    const { person, inserted } = await this.persons.project(
      m,
      {
        residentId: d.residentId,
        nik: d.nik,
        fullName: d.fullName,
        sex: d.sex,
        birthDate: d.birthDate,
        villageCode: d.villageCode,
        status: d.status,
        // Null here means "no card yet", not "left a card": it never clears a card a later event set.
        ...(d.familyCardNumber !== null ? { familyCardNumber: d.familyCardNumber } : {}),
      },
      new Date(event.time),
    );
    if (person.status === ResidentStatus.Hidup) {
      await this.hooks.personArrived?.(m, person, {
        origin: PersonArrivalOrigin.Registered,
        on: this.localDate(d.registeredAt),
      });
    }
    return inserted ? [person] : [];
  }

  private async birthRegistered(event: CloudEvent<BirthRegisteredV1>, m: EntityManager): Promise<Arrivals> {
    const d = event.data;
    const { person, inserted } = await this.persons.project(
      m,
      {
        residentId: d.child.residentId,
        nik: d.child.nik,
        fullName: d.child.fullName,
        sex: d.child.sex,
        birthDate: d.child.birthDate,
        villageCode: d.villageCode,
        familyCardNumber: d.familyCardNumber,
      },
      new Date(event.time),
    );
    await this.hooks.personArrived?.(m, person, { origin: PersonArrivalOrigin.Birth, on: person.birthDate });
    return inserted ? [person] : [];
  }

  private async residentUpdated(event: CloudEvent<ResidentUpdatedV1>, m: EntityManager): Promise<Arrivals> {
    const d = event.data;
    const { person, inserted, birthDateChanged } = await this.persons.project(
      m,
      {
        residentId: d.residentId,
        nik: d.nik,
        fullName: d.fullName,
        sex: d.sex,
        birthDate: d.birthDate,
        villageCode: d.villageCode,
        status: d.status,
      },
      new Date(event.time),
    );
    if (birthDateChanged) await this.hooks.birthDateChanged?.(m, person);
    if (d.deactivation) {
      const kept = await this.persons.require(m, d.deactivation.duplicateOfResidentId);
      if (person.deactivatedAt === null) {
        const at = new Date(d.deactivation.deactivatedAt);
        await this.hooks.duplicateMerged?.(m, {
          duplicate: person,
          kept,
          at,
          on: this.localDate(d.deactivation.deactivatedAt),
        });
        await m.update(
          Person,
          { residentId: person.residentId },
          { deactivatedAt: at, duplicateOfResidentId: kept.residentId },
        );
      }
    }
    return inserted ? [person] : [];
  }

  private async familyCardChanged(
    event: CloudEvent<FamilyCardChangedV1>,
    m: EntityManager,
  ): Promise<Arrivals> {
    const d = event.data;
    const members = d.members.map((member) => member.nik);
    // `members` is always the full current list; whatever the kind of change, a person named in
    // `affectedNik` but not listed has left this card (removed, died, moved out, split off, ...).
    const changed = await this.persons.applyFamilyCard(
      m,
      d.familyCardNumber,
      members,
      members.includes(d.affectedNik) ? null : d.affectedNik,
      new Date(event.time),
    );
    if (changed.length > 0) await this.hooks.familyCardChanged?.(m, d.familyCardNumber, changed);
    return [];
  }

  private async deathRegistered(event: CloudEvent<DeathRegisteredV1>, m: EntityManager): Promise<Arrivals> {
    const d = event.data;
    const person = await this.persons.require(m, d.residentId);
    // Population also reports the status in RESIDENT_UPDATED_V1, which may have arrived first.
    await this.persons.changeStatus(m, person, { status: ResidentStatus.Mati }, new Date(event.time));
    await this.persons.recordDeath(m, person, d.dateOfDeath);
    // A death closes the service's open records whatever the order of events: it is final.
    await this.hooks.personDied?.(m, person, d.dateOfDeath);
    return [];
  }

  private async residentMovedOut(event: CloudEvent<ResidentMovedOutV1>, m: EntityManager): Promise<Arrivals> {
    const d = event.data;
    const person = await this.persons.require(m, d.residentId);
    await this.persons.changeStatus(
      m,
      person,
      { status: ResidentStatus.Pindah, movedOutOn: d.movedOn },
      new Date(event.time),
    );
    // Judged on the resulting status: a RESIDENT_UPDATED_V1 of the move may have set it already,
    // and a later move back in must not be undone by this older event.
    if (person.status === ResidentStatus.Pindah) await this.hooks.personMovedOut?.(m, person, d.movedOn);
    return [];
  }

  private async residentMovedIn(event: CloudEvent<ResidentMovedInV1>, m: EntityManager): Promise<Arrivals> {
    const d = event.data;
    const at = new Date(event.time);
    const { person, inserted } = await this.persons.project(
      m,
      {
        residentId: d.residentId,
        nik: d.nik,
        fullName: d.fullName,
        sex: d.sex,
        birthDate: d.birthDate,
        villageCode: d.villageCode,
        familyCardNumber: d.familyCardNumber,
      },
      at,
    );
    await this.persons.changeStatus(m, person, { status: ResidentStatus.Hidup, movedOutOn: null }, at);
    if (person.status === ResidentStatus.Hidup) {
      await this.hooks.personArrived?.(m, person, { origin: PersonArrivalOrigin.MovedIn, on: d.movedOn });
    }
    return inserted ? [person] : [];
  }

  /** The calendar date of an instant in the service's time zone. */
  private localDate(instant: string): string {
    return calendarDate(new Date(instant), this.clock.timeZone);
  }
}
