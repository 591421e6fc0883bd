import { type INestApplicationContext, Injectable } from '@nestjs/common';
import { type CloudEvent, RESIDENT_REGISTERED_V1, type ResidentRegisteredV1 } from '@terpadu/contracts';
import { createDataSourceOptions } from '@terpadu/database';
import { startNats, startPostgres, type TestNats, type TestPostgres } from '@terpadu/testing';
import { DataSource, type EntityManager } from 'typeorm';
import { DeadLettersService, EventConsumer, MessagingOptionsError, OnEvent, OutboxService } from '../src';
import { compileMessaging, eventually, migrate, registered, startService, TestClock } from './support';

@Injectable()
@EventConsumer('recorder')
class Recorder {
  failing = false;
  readonly seen: CloudEvent<ResidentRegisteredV1>[] = [];

  @OnEvent(RESIDENT_REGISTERED_V1)
  async onRegistered(event: CloudEvent<ResidentRegisteredV1>, manager: EntityManager): Promise<void> {
    if (this.failing) throw new Error('recorder refuses');
    await manager.query(`INSERT INTO effects (consumer, event_id) VALUES ('recorder', $1)`, [event.id]);
    this.seen.push(event);
  }
}

/** One Clock: event times and the messaging tables' timestamps come from the app's Clock, never the wall. */
describe('the Clock of MessagingModule', () => {
  let pg: TestPostgres;
  let nats: TestNats;
  let url: string;
  let db: DataSource;
  const apps: INestApplicationContext[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
  });

  beforeEach(async () => {
    nats = await startNats();
    url = await pg.createDatabase('messaging_clock');
    await migrate(url);
    db = new DataSource(createDataSourceOptions({ url, entities: [], migrations: [] }));
    await db.initialize();
  });

  afterEach(async () => {
    for (const app of apps.splice(0).reverse()) await app.close();
    await db.destroy();
    await nats.destroy();
    await pg.dropDatabase(url);
  });

  afterAll(async () => {
    await pg?.stop();
  });

  const start = async (o: Parameters<typeof startService>[0]) => {
    const app = await startService(o);
    apps.push(app);
    return app;
  };

  it("stamps an event written through OutboxService with the app's Clock, and sends and handles it on that Clock", async () => {
    const producerClock = new TestClock('2031-02-03T04:05:06.789Z');
    const producer = await start({
      databaseUrl: url,
      messaging: { service: 'population', natsUrl: nats.url, relayPollIntervalMs: 200 },
      clock: producerClock,
    });
    const consumerClock = new TestClock('2031-02-03T09:00:00.000Z');
    const consumer = await start({
      databaseUrl: url,
      messaging: { service: 'projection', natsUrl: nats.url, relay: false },
      providers: [Recorder],
      clock: consumerClock,
    });

    const data = registered();
    const id = await db.transaction((m) => producer.get(OutboxService).add(m, RESIDENT_REGISTERED_V1, data));
    const [seen] = await eventually('the event handled', async () => {
      const events = consumer.get(Recorder).seen;
      return events.length > 0 && events;
    });
    expect(seen).toMatchObject({ id, time: '2031-02-03T04:05:06.789Z', data });
    const [row] = await db.query<{ time: string; sent_at: Date }[]>(
      `SELECT envelope->>'time' AS time, sent_at FROM outbox WHERE id = $1`,
      [id],
    );
    expect(row.time).toBe('2031-02-03T04:05:06.789Z');
    await eventually('the row marked sent', async () => {
      const [sent] = await db.query<{ sent_at: Date | null }[]>(`SELECT sent_at FROM outbox WHERE id = $1`, [
        id,
      ]);
      return sent.sent_at !== null;
    });
    const [sent] = await db.query<{ sent_at: Date }[]>(`SELECT sent_at FROM outbox WHERE id = $1`, [id]);
    expect(sent.sent_at.toISOString()).toBe('2031-02-03T04:05:06.789Z');
    const [inbox] = await db.query<{ handled_at: Date }[]>(
      `SELECT handled_at FROM inbox WHERE event_id = $1`,
      [id],
    );
    expect(inbox.handled_at.toISOString()).toBe('2031-02-03T09:00:00.000Z');
  });

  it('takes the options’ clock over the injected one', async () => {
    const app = await start({
      databaseUrl: url,
      messaging: {
        service: 'population',
        natsUrl: nats.url,
        relay: false,
        clock: new TestClock('2030-01-01T00:00:00.000Z'),
      },
      clock: new TestClock('2040-01-01T00:00:00.000Z'),
    });
    const id = await db.transaction((m) =>
      app.get(OutboxService).add(m, RESIDENT_REGISTERED_V1, registered()),
    );
    const [row] = await db.query<{ time: string }[]>(
      `SELECT envelope->>'time' AS time FROM outbox WHERE id = $1`,
      [id],
    );
    expect(row.time).toBe('2030-01-01T00:00:00.000Z');
  });

  it('parks and replays dead letters on the Clock', async () => {
    const clock = new TestClock('2031-05-01T00:00:00.000Z');
    const producer = await start({
      databaseUrl: url,
      messaging: { service: 'population', natsUrl: nats.url, relayPollIntervalMs: 200 },
    });
    const service = await start({
      databaseUrl: url,
      messaging: { service: 'projection', natsUrl: nats.url, relay: false, maxDeliveries: 1 },
      providers: [Recorder],
      clock,
    });
    service.get(Recorder).failing = true;
    await db.transaction((m) => producer.get(OutboxService).add(m, RESIDENT_REGISTERED_V1, registered()));
    const [parked] = await eventually('the dead letter', async () => {
      const items = await service.get(DeadLettersService).list(false);
      return items.length > 0 && items;
    });
    expect(parked.parkedAt).toBe('2031-05-01T00:00:00.000Z');

    service.get(Recorder).failing = false;
    clock.set('2031-05-02T08:30:00.000Z');
    await expect(service.get(DeadLettersService).replay(parked.id)).resolves.toMatchObject({
      parkedAt: '2031-05-01T00:00:00.000Z',
      replayedAt: '2031-05-02T08:30:00.000Z',
    });
  });

  it('refuses to boot without a Clock (no ClockModule, no options.clock): no wall-clock fallback', async () => {
    const compiling = compileMessaging({ service: 'population', natsUrl: nats.url }, null);
    await expect(compiling).rejects.toThrow(MessagingOptionsError);
    await expect(compiling).rejects.toThrow('MessagingModule of population has no Clock');
  });
});
