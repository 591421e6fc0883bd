import { Injectable } from '@nestjs/common';
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
  ResidentStatus,
  type ResidentMovedInV1,
  type ResidentMovedOutV1,
  type ResidentRegisteredV1,
  type ResidentUpdatedV1,
  ScheduleOrigin,
} from '@terpadu/contracts';
import { EventConsumer, OnEvent } from '@terpadu/messaging';
import type { EntityManager } from 'typeorm';
import { calendarDate, Clock } from '@terpadu/clock';
import { SchedulesService } from '../immunizations/schedules.service';
import { PersonsService } from '../persons/persons.service';
import { PregnanciesService } from '../pregnancies/pregnancies.service';
import { DuplicateMergeService } from './duplicate-merge.service';

/**
 * Health's only source of persons: population's events, each on its own durable consumer with an
 * inbox (a redelivered event has no second effect). Every write goes through `m`, the inbox
 * transaction. Events may arrive late or out of order: projection fields are guarded by event time,
 * a child has at most one schedule, and an event about a person not known yet fails, to be retried
 * (after its registration has arrived) or parked as a dead letter.
 */
@Injectable()
@EventConsumer('person-projection')
export class PopulationEventsHandler {
  constructor(
    private readonly clock: Clock,
    private readonly duplicates: DuplicateMergeService,
    private readonly persons: PersonsService,
    private readonly pregnancies: PregnanciesService,
    private readonly schedules: SchedulesService,
  ) {}

  @OnEvent(RESIDENT_REGISTERED_V1)
  async onResidentRegistered(event: CloudEvent<ResidentRegisteredV1>, m: EntityManager): Promise<void> {
    const d = event.data;
    const { person } = await this.persons.project(
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
    if (person.status === ResidentStatus.Hidup)
      await this.schedules.ensure(m, person, ScheduleOrigin.Registered, this.localDate(d.registeredAt));
  }

  @OnEvent(BIRTH_REGISTERED_V1)
  async onBirthRegistered(event: CloudEvent<BirthRegisteredV1>, m: EntityManager): Promise<void> {
    const d = event.data;
    const { person } = await this.persons.project(
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
    await this.schedules.ensure(m, person, ScheduleOrigin.Birth, person.birthDate);
  }

  @OnEvent(RESIDENT_UPDATED_V1)
  async onResidentUpdated(event: CloudEvent<ResidentUpdatedV1>, m: EntityManager): Promise<void> {
    const d = event.data;
    const { person, birthDateChanged } = await this.persons.project(
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
    if (birthDateChanged) await this.schedules.redate(m, person);
    if (d.deactivation) {
      await this.duplicates.merge(
        m,
        d.residentId,
        d.deactivation.duplicateOfResidentId,
        new Date(d.deactivation.deactivatedAt),
        this.localDate(d.deactivation.deactivatedAt),
      );
    }
  }

  @OnEvent(FAMILY_CARD_CHANGED_V1)
  async onFamilyCardChanged(event: CloudEvent<FamilyCardChangedV1>, m: EntityManager): Promise<void> {
    const d = event.data;
    const members = d.members.map((member) => member.nik);
    // `members` is always the full current list; whatever the kind of change, a person named in
    // `affectedNik` but not listed has left this card (removed, died, moved out, split off, ...).
    await this.persons.applyFamilyCard(
      m,
      d.familyCardNumber,
      members,
      members.includes(d.affectedNik) ? null : d.affectedNik,
      new Date(event.time),
    );
  }

  @OnEvent(DEATH_REGISTERED_V1)
  async onDeathRegistered(event: CloudEvent<DeathRegisteredV1>, m: EntityManager): Promise<void> {
    const d = event.data;
    const person = await this.persons.require(m, d.residentId);
    // Population also reports the status in RESIDENT_UPDATED_V1, which may have arrived first.
    await this.persons.changeStatus(m, person, { status: ResidentStatus.Mati }, new Date(event.time));
    await this.persons.recordDeath(m, person, d.dateOfDeath);
    // A death closes open records whatever the order of events: it is final.
    await this.schedules.close(m, person.residentId, d.dateOfDeath);
    await this.pregnancies.closeForDeath(m, person.residentId, d.dateOfDeath);
  }

  @OnEvent(RESIDENT_MOVED_OUT_V1)
  async onResidentMovedOut(event: CloudEvent<ResidentMovedOutV1>, m: EntityManager): Promise<void> {
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
    if (person.status === ResidentStatus.Pindah)
      await this.schedules.transfer(m, person.residentId, d.movedOn);
  }

  @OnEvent(RESIDENT_MOVED_IN_V1)
  async onResidentMovedIn(event: CloudEvent<ResidentMovedInV1>, m: EntityManager): Promise<void> {
    const d = event.data;
    const at = new Date(event.time);
    const { person } = await this.persons.project(
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
    if (person.status === ResidentStatus.Hidup)
      await this.schedules.ensure(m, person, ScheduleOrigin.MovedIn, d.movedOn);
  }

  /** The calendar date of an instant in the health service's time zone. */
  private localDate(instant: string): string {
    return calendarDate(new Date(instant), this.clock.timeZone);
  }
}
