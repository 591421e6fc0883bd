import {
  ANC_VISIT_RECORDED_V1,
  BIRTH_REGISTERED_V1,
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
} from '@terpadu/contracts';
import { publishedEvents } from '@terpadu/service-testing';
import { eventually, nikFor } from '@terpadu/testing';
import { OverdueScanService } from '../src/immunizations/overdue-scan.service';
import { birth, healthWorker, registered } from './builders';
import { type HealthInfra, type HealthTestApp, startHealthApp, startInfra } from './health-app';

/**
 * What health really publishes (immunizations given and overdue, ANC visits, insurance), checked
 * against the contract classes its consumers validate with.
 */
describe('health events against their payload classes', () => {
  let infra: HealthInfra;
  let t: HealthTestApp;
  const actor = healthWorker();

  beforeAll(async () => {
    infra = await startInfra();
    t = await startHealthApp(infra);
  });
  afterAll(async () => {
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
    const published = await publishedEvents(t.dataSource, infra.nats.url, STREAMS.health);
    expect(published.events).toHaveLength(published.outboxTotal);
    expect(published.invalid).toEqual([]);

    // The check covered every subject and the null variants.
    const { dataOf, events, subjects } = published;
    expect(new Set(events.map((e) => e.event.type))).toEqual(new Set(subjects));
    expect(dataOf(IMMUNIZATION_GIVEN_V1).every((d) => d.familyCardNumber !== null)).toBe(true);
    expect(dataOf(ANC_VISIT_RECORDED_V1).map((d) => d.familyCardNumber)).toEqual([null]);
    expect(dataOf(INSURANCE_CHANGED_V1).map((d) => d.activeUntil)).toEqual([null, '2026-10-31']);
  });
});
