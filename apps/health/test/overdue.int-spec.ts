import { randomUUID } from 'node:crypto';
import {
  BIRTH_REGISTERED_V1,
  DEATH_REGISTERED_V1,
  DoseStatus,
  HEALTH_IMMUNIZATIONS_GET,
  HEALTH_IMMUNIZATIONS_RECORD,
  IMMUNIZATION_OVERDUE_V1,
  RESIDENT_MOVED_OUT_V1,
  ScheduleStatus,
  STREAMS,
} from '@terpadu/contracts';
import { OverdueScanService } from '../src/immunizations/overdue-scan.service';
import { birth, healthWorker, VILLAGE_A } from './builders';
import { type HealthInfra, type HealthTestApp, startHealthApp, startInfra } from './health-app';
import { eventually, StreamReader } from '@terpadu/testing';

const key = (residentId: string, vaccine: string, dose: number) => `${residentId}/${vaccine}/${dose}`;

describe('overdue immunization scan', () => {
  let infra: HealthInfra;
  let a: HealthTestApp;
  let b: HealthTestApp;
  let stream: StreamReader;
  const actor = healthWorker();
  const children: { nik: string; residentId: string }[] = [];

  beforeAll(async () => {
    infra = await startInfra();
    // Two replicas of the service on one database and one NATS, each with its own pool and relay.
    a = await startHealthApp(infra);
    b = await startHealthApp(infra);
    stream = await StreamReader.connect(infra.nats.url, STREAMS.health);
    // 36 children born weekly from March 2026: a few hundred doses to judge, in more than one batch (200).
    for (let i = 0; i < 36; i++) {
      const day = new Date(Date.UTC(2026, 2, 1 + i * 7)).toISOString().slice(0, 10);
      const event = birth(day);
      await infra.population.publish(BIRTH_REGISTERED_V1, event, event.birthId);
      children.push({ nik: event.child.nik, residentId: event.child.residentId });
    }
    await eventually(async () => {
      const [row] = await a.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM child_schedules`,
      );
      expect(row.n).toBe(children.length);
    });
  });
  afterAll(async () => {
    await stream?.close();
    await a?.close();
    await b?.close();
    await infra?.stop();
  });

  const setDay = (day: string) => {
    a.clock.setDay(day);
    b.clock.setDay(day);
  };

  /** What the API reads as OVERDUE for every child today: the one definition the scan must follow. */
  async function overdueByApi(): Promise<Set<string>> {
    const out = new Set<string>();
    for (const child of children) {
      const view = await a.send(HEALTH_IMMUNIZATIONS_GET, { actor, nik: child.nik });
      if (view.schedule?.status !== ScheduleStatus.Open) continue;
      for (const d of view.schedule.doses)
        if (d.status === DoseStatus.Overdue) out.add(key(child.residentId, d.vaccine, d.dose));
    }
    return out;
  }

  async function announced(): Promise<string[]> {
    return (await stream.events(IMMUNIZATION_OVERDUE_V1)).map((e) =>
      key(e.event.data.residentId, e.event.data.vaccine, e.event.data.dose),
    );
  }

  it('publishes each overdue dose exactly once while two replicas scan at the same time', async () => {
    setDay('2026-11-30');
    // Some doses given, one of them late enough to move the next dose past today.
    const first = children[0];
    for (const [vaccine, dose, givenOn] of [
      ['HB0', 1, '2026-06-01'],
      ['BCG', 1, '2026-07-01'],
      ['DPT_HB_HIB', 1, '2026-11-20'],
    ] as const) {
      await a.send(HEALTH_IMMUNIZATIONS_RECORD, {
        actor,
        immunization: { nik: first.nik, vaccine, dose, givenOn, facility: 'Posyandu Melati', batch: 'B-7' },
      });
    }
    const expected = await overdueByApi();
    expect(expected.size).toBeGreaterThan(200);
    expect(expected.has(key(first.residentId, 'BCG', 1))).toBe(false);
    expect(expected.has(key(first.residentId, 'DPT_HB_HIB', 2))).toBe(false); // due 28 days after dose 1

    const scans = await Promise.all([
      a.app.get(OverdueScanService).scan(),
      b.app.get(OverdueScanService).scan(),
      a.app.get(OverdueScanService).scan(),
      b.app.get(OverdueScanService).scan(),
    ]);
    expect(scans.reduce((sum, n) => sum + n, 0)).toBe(expected.size);

    const events = await eventually(async () => {
      const found = await announced();
      expect(found.length).toBeGreaterThanOrEqual(expected.size);
      return found;
    });
    expect(events.length).toBe(expected.size);
    expect(new Set(events)).toEqual(expected);

    // A later scan by either replica announces nothing again.
    await expect(a.app.get(OverdueScanService).scan()).resolves.toBe(0);
    await expect(b.app.get(OverdueScanService).scan()).resolves.toBe(0);
  });

  it('announces doses that become overdue later, and none of children who died or moved away', async () => {
    const [dead, moved] = [children[34], children[35]];
    await infra.population.publish(DEATH_REGISTERED_V1, {
      deathId: randomUUID(),
      certificateNumber: '3174-KM-0099',
      residentId: dead.residentId,
      nik: dead.nik,
      dateOfDeath: '2026-12-01',
      villageCode: VILLAGE_A,
      familyCardNumber: null,
      familyNeedsNewHead: false,
      registeredAt: '2026-12-02T03:00:00.000Z',
    });
    await infra.population.publish(RESIDENT_MOVED_OUT_V1, {
      moveId: randomUUID(),
      residentId: moved.residentId,
      nik: moved.nik,
      fromVillageCode: VILLAGE_A,
      destinationRegionCode: '3273',
      movedOn: '2026-12-01',
      familyCardNumber: null,
      registeredAt: '2026-12-01T03:00:00.000Z',
    });
    await eventually(async () => {
      const rows = await a.dataSource.query<{ status: string }[]>(
        `SELECT status FROM child_schedules WHERE resident_id = ANY($1) ORDER BY status`,
        [[dead.residentId, moved.residentId]],
      );
      expect(rows.map((r) => r.status)).toEqual(['CLOSED', 'TRANSFERRED']);
    });

    const before = new Set(await announced());
    setDay('2027-01-15');
    const expected = await overdueByApi();
    const fresh = [...expected].filter((k) => !before.has(k));
    expect(fresh.length).toBeGreaterThan(0);

    const scans = await Promise.all([
      a.app.get(OverdueScanService).scan(),
      b.app.get(OverdueScanService).scan(),
    ]);
    expect(scans[0] + scans[1]).toBe(fresh.length);
    const after = await eventually(async () => {
      const found = await announced();
      expect(found.length).toBe(before.size + fresh.length);
      return found;
    });
    expect(new Set(after).size).toBe(after.length);
    const ofGone = after.filter((k) => k.startsWith(dead.residentId) || k.startsWith(moved.residentId));
    expect(ofGone.every((k) => before.has(k))).toBe(true);
  });
});
