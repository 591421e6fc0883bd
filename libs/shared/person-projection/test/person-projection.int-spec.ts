import { randomUUID } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import {
  DEATH_REGISTERED_V1,
  FAMILY_CARD_CHANGED_V1,
  FamilyRelationship,
  RESIDENT_MOVED_OUT_V1,
  RESIDENT_REGISTERED_V1,
  RESIDENT_UPDATED_V1,
  type ResidentRegisteredV1,
  ResidentStatus,
  Role,
  Sex,
} from '@terpadu/contracts';
import { defineService, migrateService, ServiceEnv, ServiceKitModule } from '@terpadu/service-kit';
import { PopulationProducer, type ServiceTestApp, startServiceTestApp } from '@terpadu/service-testing';
import { eventually, startNats, startPostgres, type TestNats, type TestPostgres } from '@terpadu/testing';
import type { EntityManager } from 'typeorm';
import {
  type DuplicateMerge,
  type Person,
  type PersonArrival,
  PERSON_PROJECTION_ENTITIES,
  PERSON_PROJECTION_MIGRATIONS,
  PersonProjectionModule,
  type PersonProjectionHooks,
  PersonsService,
} from '../src';

/** What the hooks saw, in order, by resident id (never a NIK). */
@Injectable()
class RecordingHooks implements PersonProjectionHooks {
  readonly calls: string[] = [];

  async personArrived(_m: EntityManager, person: Person, arrival: PersonArrival): Promise<void> {
    this.calls.push(`arrived ${person.residentId} ${arrival.origin} ${arrival.on}`);
  }
  async personDied(_m: EntityManager, person: Person, diedOn: string): Promise<void> {
    this.calls.push(`died ${person.residentId} ${diedOn}`);
  }
  async personMovedOut(_m: EntityManager, person: Person, movedOn: string): Promise<void> {
    this.calls.push(`moved out ${person.residentId} ${movedOn}`);
  }
  async duplicateMerged(_m: EntityManager, merge: DuplicateMerge): Promise<void> {
    this.calls.push(`merged ${merge.duplicate.residentId} into ${merge.kept.residentId} ${merge.on}`);
  }
  async familyCardChanged(_m: EntityManager, number: string, changed: Person[]): Promise<void> {
    this.calls.push(
      `card ${number} ${changed
        .map((p) => p.residentId)
        .sort()
        .join(',')}`,
    );
  }
}

/** A service that keeps persons and nothing else: what the kit and this lib give every service. */
const SPEC_SERVICE = defineService({
  name: 'projection-spec',
  Env: ServiceEnv,
  entities: PERSON_PROJECTION_ENTITIES,
  migrations: PERSON_PROJECTION_MIGRATIONS,
});

@Module({})
class SpecModule {
  static forRoot(env: ServiceEnv) {
    return {
      module: SpecModule,
      imports: [
        ServiceKitModule.forRoot(SPEC_SERVICE, env),
        PersonProjectionModule.forRoot({ hooks: RecordingHooks }),
      ],
    };
  }
}

const VILLAGE = '3174041003';
const CARD = '3174040101260009';
let serial = 0;
function resident(overrides: Partial<ResidentRegisteredV1> = {}): ResidentRegisteredV1 {
  serial += 1;
  return {
    residentId: randomUUID(),
    nik: `31740412089${String(serial).padStart(5, '0')}`,
    fullName: 'Siti Aminah',
    birthDate: '1989-08-12',
    sex: Sex.Male,
    villageCode: VILLAGE,
    status: ResidentStatus.Hidup,
    familyCardNumber: null,
    registeredAt: '2026-11-01T03:00:00.000Z',
    ...overrides,
  };
}

describe(PersonProjectionModule.name, () => {
  let postgres: TestPostgres;
  let nats: TestNats;
  let producer: PopulationProducer;
  let t: ServiceTestApp;
  let hooks: RecordingHooks;

  beforeAll(async () => {
    postgres = await startPostgres();
    nats = await startNats();
    const databaseUrl = await postgres.createDatabase('person_projection');
    await migrateService(SPEC_SERVICE, databaseUrl);
    producer = await PopulationProducer.start(postgres, nats.url);
    t = await startServiceTestApp({
      service: SPEC_SERVICE,
      module: (env) => SpecModule.forRoot(env),
      databaseUrl,
      natsUrl: nats.url,
    });
    hooks = t.app.get(RecordingHooks);
  });
  afterAll(async () => {
    await t?.close();
    await producer?.stop();
    await nats?.destroy();
    await postgres?.stop();
  });

  const person = async (residentId: string) =>
    (
      await t.dataSource.query<{ status: string; family_card_number: string | null; full_name: string }[]>(
        `SELECT status, family_card_number, full_name FROM persons WHERE resident_id = $1`,
        [residentId],
      )
    )[0];
  const waiting = async () =>
    (await t.dataSource.query<{ event_id: string }[]>(`SELECT event_id FROM person_pending_events`)).map(
      (r) => r.event_id,
    );
  const deadLetters = async () =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM dead_letters`))[0].n;

  it('keeps a card change whose members are not known yet waiting, and applies it when they arrive', async () => {
    const head = resident({ registeredAt: '2026-11-01T03:00:00.000Z' });
    const wife = resident({ sex: Sex.Female, registeredAt: '2026-11-01T03:00:01.000Z' });
    const registrations = [head, wife].map((r) =>
      producer.envelopeOf(RESIDENT_REGISTERED_V1, r, r.registeredAt),
    );
    const card = producer.envelopeOf(
      FAMILY_CARD_CHANGED_V1,
      {
        familyCardNumber: CARD,
        villageCode: VILLAGE,
        change: 'CREATED',
        affectedNik: head.nik,
        headNik: head.nik,
        members: [
          { nik: head.nik, relationship: FamilyRelationship.KepalaKeluarga },
          { nik: wife.nik, relationship: FamilyRelationship.Istri },
        ],
        changedAt: '2026-11-01T03:00:02.000Z',
      },
      '2026-11-01T03:00:02.000Z',
    );
    // Committed registrations first, delivered after the card (a crashed consumer's redelivery).
    await producer.publishDirect(card);
    await eventually(async () => expect(await waiting()).toEqual([card.id]));
    await producer.publishDirect(registrations[0]);
    await eventually(async () => expect(await person(head.residentId)).toBeDefined());
    // One member is still missing: the change waits on, with no effect yet.
    expect(await waiting()).toEqual([card.id]);
    expect((await person(head.residentId)).family_card_number).toBeNull();
    await producer.publishDirect(registrations[1]);
    await eventually(async () => {
      expect(await waiting()).toEqual([]);
      expect((await person(head.residentId)).family_card_number).toBe(CARD);
      expect((await person(wife.residentId)).family_card_number).toBe(CARD);
    });
    expect(hooks.calls).toContain(`card ${CARD} ${[head.residentId, wife.residentId].sort().join(',')}`);
    await expect(deadLetters()).resolves.toBe(0);
  });

  it('runs the hooks with the arrival, the death and the move out, and lets no older event undo a newer one', async () => {
    const a = resident({ registeredAt: '2026-11-02T20:00:00.000Z' });
    await producer.publishDirect(producer.envelopeOf(RESIDENT_REGISTERED_V1, a, a.registeredAt));
    // 03:00 on 3 November in Jakarta: the arrival's date is the local one.
    await eventually(async () =>
      expect(hooks.calls).toContain(`arrived ${a.residentId} REGISTERED 2026-11-03`),
    );

    const moved = producer.envelopeOf(
      RESIDENT_MOVED_OUT_V1,
      {
        moveId: randomUUID(),
        residentId: a.residentId,
        nik: a.nik,
        fromVillageCode: VILLAGE,
        destinationRegionCode: '3201',
        movedOn: '2026-11-10',
        familyCardNumber: null,
        registeredAt: '2026-11-10T03:00:00.000Z',
      },
      '2026-11-10T03:00:00.000Z',
    );
    await producer.publishDirect(moved);
    await eventually(async () => expect(hooks.calls).toContain(`moved out ${a.residentId} 2026-11-10`));
    // A correction made before the move, delivered after it: the name changes, the status stays PINDAH.
    const { familyCardNumber: _card, registeredAt: _at, ...facts } = a;
    const older = producer.envelopeOf(
      RESIDENT_UPDATED_V1,
      {
        ...facts,
        fullName: 'Siti Aminah Putri',
        changedFields: ['fullName'],
        updatedAt: '2026-11-05T03:00:00.000Z',
      },
      '2026-11-05T03:00:00.000Z',
    );
    await producer.publishDirect(older);
    await eventually(async () =>
      expect(await person(a.residentId)).toEqual({
        status: ResidentStatus.Pindah,
        family_card_number: null,
        full_name: 'Siti Aminah Putri',
      }),
    );

    const b = resident();
    await producer.publish(RESIDENT_REGISTERED_V1, b, b.residentId);
    await producer.publish(DEATH_REGISTERED_V1, {
      deathId: randomUUID(),
      certificateNumber: '3174-KM-0009',
      residentId: b.residentId,
      nik: b.nik,
      dateOfDeath: '2026-11-20',
      villageCode: VILLAGE,
      familyCardNumber: null,
      familyNeedsNewHead: false,
      registeredAt: '2026-11-21T03:00:00.000Z',
    });
    await eventually(async () => expect(hooks.calls).toContain(`died ${b.residentId} 2026-11-20`));
    expect((await person(b.residentId)).status).toBe(ResidentStatus.Mati);
    await expect(deadLetters()).resolves.toBe(0);
  });

  it('hands a duplicate to its hook once and stops answering for it', async () => {
    const kept = resident({ fullName: 'Joko Widodo' });
    const duplicate = resident({ fullName: 'Joko Widodo' });
    for (const r of [kept, duplicate]) await producer.publish(RESIDENT_REGISTERED_V1, r, r.residentId);
    await eventually(async () => expect(await person(duplicate.residentId)).toBeDefined());
    const { familyCardNumber: _card, registeredAt: _at, ...facts } = duplicate;
    const deactivation = {
      ...facts,
      changedFields: ['status'],
      updatedAt: '2026-11-25T03:00:00.000Z',
      deactivation: { deactivatedAt: '2026-11-25T03:00:00.000Z', duplicateOfResidentId: kept.residentId },
    };
    const eventId = await producer.publish(RESIDENT_UPDATED_V1, deactivation, duplicate.residentId);
    await eventually(async () =>
      expect(hooks.calls).toContain(`merged ${duplicate.residentId} into ${kept.residentId} 2026-11-25`),
    );
    await producer.redeliver(eventId);
    const actor = { sub: 'nakes', roles: [Role.HealthWorker], jurisdiction: ['3174'] };
    await expect(
      t.dataSource.transaction((m) => t.app.get(PersonsService).findInJurisdiction(m, actor, duplicate.nik)),
    ).rejects.toMatchObject({ code: 'RESIDENT_NOT_FOUND' });
    await expect(
      t.dataSource.transaction((m) => t.app.get(PersonsService).findInJurisdiction(m, actor, kept.nik)),
    ).resolves.toMatchObject({ residentId: kept.residentId });
    expect(hooks.calls.filter((c) => c.startsWith(`merged ${duplicate.residentId}`))).toHaveLength(1);
  });
});
