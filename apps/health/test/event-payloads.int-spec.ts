import {
  ANC_VISIT_RECORDED_V1,
  BIRTH_REGISTERED_V1,
  EVENT_PAYLOADS,
  type EventSubject,
  HEALTH_IMMUNIZATIONS_GET,
  HEALTH_IMMUNIZATIONS_RECORD,
  HEALTH_INSURANCE_SET,
  HEALTH_PREGNANCIES_RECORD_VISIT,
  HEALTH_PREGNANCIES_REGISTER,
  IMMUNIZATION_GIVEN_V1,
  INSURANCE_CHANGED_V1,
  RESIDENT_REGISTERED_V1,
  Sex,
  STREAMS,
  streamForSubject,
} from '@terpadu/contracts';
import { validateEventPayload } from '@terpadu/messaging';
import { eventually } from '@terpadu/testing';
import { OverdueScanService } from '../src/immunizations/overdue-scan.service';
import { birth, healthWorker, nikFor, registered } from './builders';
import { type HealthInfra, type HealthTestApp, startHealthApp, startInfra } from './health-app';
import { HealthStream, type StreamEvent } from './health-stream';

/** Every subject health publishes: those of its stream. */
const HEALTH_SUBJECTS = (Object.keys(EVENT_PAYLOADS) as EventSubject[]).filter(
  (s) => streamForSubject(s)?.name === STREAMS.health.name,
);

/**
 * What health really publishes (immunizations given and overdue, ANC visits, insurance), checked
 * against the contract classes its consumers validate with.
 */
describe('health events against their payload classes', () => {
  let infra: HealthInfra;
  let t: HealthTestApp;
  let stream: HealthStream;
  const actor = healthWorker();

  beforeAll(async () => {
    infra = await startInfra();
    t = await startHealthApp(infra);
    stream = await HealthStream.connect(infra.nats.url);
  });
  afterAll(async () => {
    await stream?.close();
    await t?.close();
    await infra?.stop();
  });

  it('records doses and announces those that became overdue', async () => {
    const child = birth('2026-03-01');
    await infra.population.publish(BIRTH_REGISTERED_V1, child, child.birthId);
    await eventually(async () => {
      const view = await t.send(HEALTH_IMMUNIZATIONS_GET, { actor, nik: child.child.nik });
      expect(view.schedule).not.toBeNull();
    });
    for (const [vaccine, dose, givenOn] of [
      ['BCG', 1, '2026-04-01'],
      ['DPT_HB_HIB', 1, '2026-05-01'],
    ] as const) {
      await t.send(HEALTH_IMMUNIZATIONS_RECORD, {
        actor,
        immunization: {
          nik: child.child.nik,
          vaccine,
          dose,
          givenOn,
          facility: 'Posyandu Melati',
          batch: 'B-7',
        },
      });
    }
    t.clock.setDay('2026-11-30');
    await expect(t.app.get(OverdueScanService).scan()).resolves.toBeGreaterThan(0);
  });

  it('records a pregnancy visit and insurance of a person without a family card', async () => {
    const mother = registered('1995-04-12', { sex: Sex.Female, nik: nikFor('1995-04-12', Sex.Female) });
    await infra.population.publish(RESIDENT_REGISTERED_V1, mother, mother.residentId);
    const pregnancy = await eventually(() =>
      t.send(HEALTH_PREGNANCIES_REGISTER, {
        actor,
        pregnancy: { motherNik: mother.nik, expectedDeliveryDate: '2027-04-20' },
      }),
    );
    await t.send(HEALTH_PREGNANCIES_RECORD_VISIT, {
      actor,
      pregnancyId: pregnancy.id,
      visit: { visitedOn: '2026-11-30', facility: 'Puskesmas Duren Sawit', gestationalWeeks: 20 },
    });
    const membership = { number: '0001234567890', class: 3, pbi: true, activeFrom: '2026-01-01' };
    await t.send(HEALTH_INSURANCE_SET, { actor, nik: mother.nik, membership });
    await t.send(HEALTH_INSURANCE_SET, {
      actor,
      nik: mother.nik,
      membership: { ...membership, class: 2, pbi: false, activeUntil: '2026-10-31' },
    });
  });

  it('published only payloads that validate against their classes, of every subject', async () => {
    await eventually(async () => {
      const [row] = await t.dataSource.query<{ unsent: number }[]>(
        `SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL`,
      );
      expect(row.unsent).toBe(0);
    });
    const [{ total }] = await t.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM outbox`,
    );
    const events: StreamEvent[] = [];
    for (const subject of HEALTH_SUBJECTS) events.push(...(await stream.events(subject)));
    expect(events).toHaveLength(total);

    const invalid = events
      .map(({ event }) => ({
        type: event.type,
        id: event.id,
        errors: validateEventPayload(event.type, event.data),
      }))
      .filter((e) => e.errors.length > 0);
    expect(invalid).toEqual([]);

    // The check covered every subject and the null variants.
    const of = <S extends EventSubject>(subject: S) =>
      events.filter((e): e is StreamEvent<S> => e.event.type === subject).map((e) => e.event.data);
    expect(new Set(events.map((e) => e.event.type))).toEqual(new Set(HEALTH_SUBJECTS));
    expect(of(IMMUNIZATION_GIVEN_V1).every((d) => d.familyCardNumber !== null)).toBe(true);
    expect(of(ANC_VISIT_RECORDED_V1).map((d) => d.familyCardNumber)).toEqual([null]);
    expect(of(INSURANCE_CHANGED_V1).map((d) => d.activeUntil)).toEqual([null, '2026-10-31']);
  });
});
