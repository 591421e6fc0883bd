import type { EntityManager } from 'typeorm';
import type { Person } from './person.entity';

/** How a person became known as living in the regency. */
export enum PersonArrivalOrigin {
  Registered = 'REGISTERED',
  Birth = 'BIRTH',
  MovedIn = 'MOVED_IN',
}

export interface PersonArrival {
  origin: PersonArrivalOrigin;
  /** The calendar date of the arrival in the service's time zone (birth date, day of the move, ...). */
  on: string;
}

export interface DuplicateMerge {
  /** The record population deactivated; still active in the projection while the hook runs. */
  duplicate: Person;
  /** The record kept. */
  kept: Person;
  at: Date;
  /** The calendar date of the deactivation in the service's time zone. */
  on: string;
}

/**
 * A service's own reactions to population's events, run by the person projection inside the same
 * transaction, after the projection has applied the event (so `person` is current). Every method is
 * optional; each may run again for a redelivered or late event only where the projection says so,
 * and must itself be safe to see an older event after a newer one (guard on dates, as the
 * projection does).
 * health: schedules and merges; education: enrolments; social welfare: households.
 */
export interface PersonProjectionHooks {
  /** A living person arrived: registered alive, born, or moved in (and alive after it). */
  personArrived?(m: EntityManager, person: Person, arrival: PersonArrival): Promise<void>;
  /** A later event changed the birth date of a known person. */
  birthDateChanged?(m: EntityManager, person: Person): Promise<void>;
  /** Population deactivated `duplicate` as a second record of `kept`: move what the service holds. */
  duplicateMerged?(m: EntityManager, merge: DuplicateMerge): Promise<void>;
  /** A death was registered (whatever the order of events: a death is final). */
  personDied?(m: EntityManager, person: Person, diedOn: string): Promise<void>;
  /** A move out of the regency, when it is the person's current status. */
  personMovedOut?(m: EntityManager, person: Person, movedOn: string): Promise<void>;
  /** A family card's membership changed; `changed` are the persons whose card this event set. */
  familyCardChanged?(m: EntityManager, familyCardNumber: string, changed: Person[]): Promise<void>;
}

/** The provider token of a service's hooks (PersonProjectionModule.forRoot({ hooks })). */
export const PERSON_PROJECTION_HOOKS = Symbol('PERSON_PROJECTION_HOOKS');
