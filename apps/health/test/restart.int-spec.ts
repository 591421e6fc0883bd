import { PopulationProducer } from '@terpadu/service-testing';
import { BIRTH_REGISTERED_V1 } from '@terpadu/contracts';
import {
  eventually,
  migrateApp,
  type RunningApp,
  startApp,
  startNats,
  startPostgres,
  type TestNats,
  type TestPostgres,
} from '@terpadu/testing';
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@terpadu/service-kit';
import { HEALTH_SERVICE } from '../src/database/data-source';
import { birth } from './builders';

/**
 * The built service (dist/apps/health/main.js, its migrate.js) as its own process: births
 * registered while it is stopped wait in EVT_POPULATION and get their schedules once it is back.
 * Build first: `npx nx run health:build`.
 */
describe('health service process: births while it is down', () => {
  let postgres: TestPostgres;
  let nats: TestNats;
  let population: PopulationProducer;
  let db: DataSource;
  let databaseUrl: string;
  let health: RunningApp | undefined;

  const start = () =>
    startApp({
      app: 'health',
      env: { DATABASE_URL: databaseUrl, NATS_URL: nats.url, OVERDUE_SCAN_INTERVAL_MS: '0' },
    });
  const schedulesOf = (residentIds: string[]) =>
    db.query<{ resident_id: string; origin: string; doses: number }[]>(
      `SELECT s.resident_id, s.origin, (SELECT count(*)::int FROM scheduled_doses d WHERE d.schedule_id = s.id) AS doses
         FROM child_schedules s WHERE s.resident_id = ANY($1) ORDER BY s.resident_id`,
      [residentIds],
    );

  beforeAll(async () => {
    postgres = await startPostgres();
    databaseUrl = await postgres.createDatabase('health_process');
    await migrateApp('health', databaseUrl);
    nats = await startNats();
    population = await PopulationProducer.start(postgres, nats.url);
    db = new DataSource(serviceDataSourceOptions(HEALTH_SERVICE, databaseUrl));
    await db.initialize();
  });
  afterAll(async () => {
    await health?.stop();
    await db?.destroy();
    await population?.stop();
    await nats?.destroy();
    await postgres?.stop();
  });

  it('schedules the births registered while it was stopped once it starts, each child once', async () => {
    health = await start();
    const before = birth('2026-11-20');
    await population.publish(BIRTH_REGISTERED_V1, before, before.birthId);
    await eventually(async () => expect(await schedulesOf([before.child.residentId])).toHaveLength(1));

    await expect(health.stop()).resolves.toBe(0);
    const whileDown = [birth('2026-11-27'), birth('2026-11-28'), birth('2026-11-29')];
    const eventIds: string[] = [];
    for (const event of whileDown)
      eventIds.push(await population.publish(BIRTH_REGISTERED_V1, event, event.birthId));
    await eventually(async () => expect(await population.drained()).toBe(true));
    // Published to JetStream, but nobody has handled them yet.
    const ids = whileDown.map((e) => e.child.residentId);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await schedulesOf(ids)).toEqual([]);

    health = await start();
    await eventually(async () => expect(await schedulesOf(ids)).toHaveLength(3), 30_000);
    // A redelivery of one of them (same event id) after the restart changes nothing.
    await population.redeliver(eventIds[0]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const rows = await schedulesOf([...ids, before.child.residentId]);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.origin === 'BIRTH' && r.doses === 20)).toBe(true);
    const [inbox] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`,
      [eventIds[0]],
    );
    expect(inbox.n).toBe(1);
  });
});
