import { type INestApplicationContext, Injectable } from '@nestjs/common';
import { type JetStreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/nats-core';
import {
  type CloudEvent,
  RESIDENT_REGISTERED_V1,
  type ResidentRegisteredV1,
  STREAMS,
} from '@terpadu/contracts';
import { createDataSourceOptions } from '@terpadu/database';
import { startNats, startPostgres, type TestNats, type TestPostgres } from '@terpadu/testing';
import { DataSource, type EntityManager } from 'typeorm';
import {
  currentTraceparent,
  NatsClient,
  NatsHealth,
  EventConsumer,
  OnEvent,
  OutboxRelay,
  OutboxService,
  resolveMessagingOptions,
} from '../src';
import { eventually, migrate, natsAdmin, registered, startService, TestClock, traceId } from './support';

@Injectable()
@EventConsumer('projection')
class Projection {
  readonly seen: { event: CloudEvent<ResidentRegisteredV1>; traceparent: string | undefined }[] = [];

  @OnEvent(RESIDENT_REGISTERED_V1)
  async onRegistered(event: CloudEvent<ResidentRegisteredV1>, manager: EntityManager): Promise<void> {
    const traceparent = currentTraceparent();
    await manager.query(`INSERT INTO effects (consumer, event_id, trace_id) VALUES ('projection', $1, $2)`, [
      event.id,
      traceparent ? traceId(traceparent) : null,
    ]);
    this.seen.push({ event, traceparent });
  }
}

describe(OutboxRelay.name, () => {
  let pg: TestPostgres;
  let nats: TestNats;
  let url: string;
  let db: DataSource;
  let admin: { nc: NatsConnection; jsm: JetStreamManager };
  const apps: INestApplicationContext[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
  });

  beforeEach(async () => {
    nats = await startNats();
    url = await pg.createDatabase('messaging_relay');
    await migrate(url);
    db = new DataSource(createDataSourceOptions({ url, entities: [], migrations: [] }));
    await db.initialize();
    admin = await natsAdmin(nats.url);
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await admin.nc.close();
    await db.destroy();
    await nats.destroy();
    await pg.dropDatabase(url);
  });

  afterAll(async () => {
    await pg?.stop();
  });

  const producer = async (extra: { relayBatchSize?: number } = {}) => {
    const app = await startService({
      databaseUrl: url,
      messaging: { service: 'population', natsUrl: nats.url, relayPollIntervalMs: 200, ...extra },
    });
    apps.push(app);
    return app;
  };

  const commitEvent = (outbox: OutboxService, data = registered()) =>
    db.transaction((m) => outbox.add(m, RESIDENT_REGISTERED_V1, data, { entityId: data.residentId }));

  it('carries a committed event to a consumer as a CloudEvents 1.0 envelope with its traceparent', async () => {
    const producerApp = await producer();
    const consumerApp = await startService({
      databaseUrl: url,
      messaging: { service: 'projection', natsUrl: nats.url, relay: false },
      providers: [Projection],
    });
    apps.push(consumerApp);
    const data = registered();
    const id = await commitEvent(producerApp.get(OutboxService), data);

    const projection = consumerApp.get(Projection);
    const [seen] = await eventually(
      'the handler to run',
      async () => projection.seen.length > 0 && projection.seen,
    );
    expect(seen.event).toEqual({
      specversion: '1.0',
      id,
      source: 'terpadu/population',
      type: RESIDENT_REGISTERED_V1,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      subject: data.residentId,
      datacontenttype: 'application/json',
      data,
    });
    const [row] = await db.query<{ headers: { traceparent: string }; sent_at: Date | null }[]>(
      `SELECT headers, sent_at FROM outbox WHERE id = $1`,
      [id],
    );
    expect(row.sent_at).not.toBeNull();
    const stored = await admin.jsm.streams.getMessage(STREAMS.population.name, { seq: 1 });
    expect(stored!.header.get('Nats-Msg-Id')).toBe(id);
    expect(stored!.header.get('traceparent')).toBe(row.headers.traceparent);
    // The handler ran inside the producer's trace.
    expect(traceId(seen.traceparent!)).toBe(traceId(row.headers.traceparent));
    const effects = await db.query<{ event_id: string; trace_id: string }[]>(
      `SELECT event_id, trace_id FROM effects`,
    );
    expect(effects).toEqual([{ event_id: id, trace_id: traceId(row.headers.traceparent) }]);
  });

  it('writes many events in one call (addMany), publishing them in order, each with its own id and subject', async () => {
    const options = resolveMessagingOptions({
      service: 'population',
      natsUrl: nats.url,
      clock: new TestClock(),
    });
    const client = new NatsClient(options);
    const relay = new OutboxRelay(db, options, client);
    const outbox = new OutboxService(options);
    try {
      await client.get();
      const events = [registered(), registered(), registered()];
      const ids = await db.transaction((m) =>
        outbox.addMany(
          m,
          events.map((data) => ({ subject: RESIDENT_REGISTERED_V1, data, entityId: data.residentId })),
        ),
      );
      expect(new Set(ids).size).toBe(3);
      await expect(db.transaction((m) => outbox.addMany(m, []))).resolves.toEqual([]);
      await expect(relay.relayBatch()).resolves.toBe(3);
      for (const [i, data] of events.entries()) {
        const stored = await admin.jsm.streams.getMessage(STREAMS.population.name, { seq: i + 1 });
        expect(stored!.header.get('Nats-Msg-Id')).toBe(ids[i]);
        expect(stored!.json<CloudEvent<ResidentRegisteredV1>>()).toMatchObject({
          id: ids[i],
          subject: data.residentId,
          data,
        });
      }
      // Like add(), only inside the caller's transaction.
      await expect(
        outbox.addMany(db.manager, [{ subject: RESIDENT_REGISTERED_V1, data: registered() }]),
      ).rejects.toThrow('open transaction');
    } finally {
      await client.close();
    }
  });

  it('keeps the event while NATS is down, records the failures and publishes it once NATS is back', async () => {
    const producerApp = await producer();
    const health = producerApp.get(NatsHealth);
    await eventually('the stream', () => admin.jsm.streams.info(STREAMS.population.name));
    expect(health.isConnected()).toBe(true);
    await admin.nc.close();
    await nats.stop();
    await eventually('readiness to see NATS down', async () => !health.isConnected());

    const id = await commitEvent(producerApp.get(OutboxService));
    const failed = await eventually('a recorded publish failure', async () => {
      const [row] = await db.query<{ attempts: number; last_error: string | null; sent_at: Date | null }[]>(
        `SELECT attempts, last_error, sent_at FROM outbox WHERE id = $1`,
        [id],
      );
      return row.attempts > 0 && row;
    });
    expect(failed.sent_at).toBeNull();
    expect(failed.last_error).toBeTruthy();

    await nats.start();
    admin = await natsAdmin(nats.url);
    await eventually('readiness to see NATS back', async () => health.isConnected());
    await eventually(
      'the event to be published',
      async () =>
        (await db.query<unknown[]>(`SELECT 1 FROM outbox WHERE id = $1 AND sent_at IS NOT NULL`, [id]))
          .length > 0,
      40_000,
    );
    const stored = await admin.jsm.streams.getMessage(STREAMS.population.name, {
      last_by_subj: RESIDENT_REGISTERED_V1,
    });
    expect(stored!.header.get('Nats-Msg-Id')).toBe(id);
  });

  it('creates the stream while NATS starts late, before anything is published', async () => {
    await nats.stop();
    await admin.nc.close();
    const producerApp = await producer();
    const id = await commitEvent(producerApp.get(OutboxService));
    await new Promise((r) => setTimeout(r, 1500));
    await nats.start();
    admin = await natsAdmin(nats.url);
    const info = await eventually(
      'the stream with the event',
      async () => {
        const i = await admin.jsm.streams.info(STREAMS.population.name);
        return i.state.messages === 1 && i;
      },
      40_000,
    );
    expect(info.config.duplicate_window).toBe(120_000 * 1_000_000);
    expect(info.config.storage).toBe('file');
    const stored = await admin.jsm.streams.getMessage(STREAMS.population.name, { seq: 1 });
    expect(stored!.header.get('Nats-Msg-Id')).toBe(id);
  });

  it('lets the stream drop a row published again (relay died between publish and commit)', async () => {
    const options = resolveMessagingOptions({
      service: 'population',
      natsUrl: nats.url,
      clock: new TestClock(),
    });
    const client = new NatsClient(options);
    const relay = new OutboxRelay(db, options, client);
    const outbox = new OutboxService(options);
    try {
      await client.get();
      const id = await commitEvent(outbox);
      await expect(relay.relayBatch()).resolves.toBe(1);
      await db.query(`UPDATE outbox SET sent_at = NULL WHERE id = $1`, [id]);
      await expect(relay.relayBatch()).resolves.toBe(1);
      const info = await admin.jsm.streams.info(STREAMS.population.name);
      expect(info.state.messages).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('with three relays on one outbox, puts every row into the stream exactly once', async () => {
    const relays = [
      await producer({ relayBatchSize: 25 }),
      await producer({ relayBatchSize: 25 }),
      await producer({ relayBatchSize: 25 }),
    ];
    const outbox = relays[0].get(OutboxService);
    const ids: string[] = [];
    const writers = Array.from({ length: 8 }, async () => {
      for (let i = 0; i < 15; i++) {
        await db.transaction(async (m) => {
          for (let j = 0; j < 5; j++) ids.push(await outbox.add(m, RESIDENT_REGISTERED_V1, registered()));
        });
      }
    });
    await Promise.all(writers);
    expect(ids).toHaveLength(600);
    await eventually(
      'every row sent',
      async () => (await db.query<unknown[]>(`SELECT 1 FROM outbox WHERE sent_at IS NULL`)).length === 0,
      40_000,
    );
    const info = await admin.jsm.streams.info(STREAMS.population.name);
    expect(info.state.messages).toBe(600);
    const published = new Set<string>();
    for (let seq = 1; seq <= 600; seq++) {
      const m = await admin.jsm.streams.getMessage(STREAMS.population.name, { seq });
      published.add(m!.header.get('Nats-Msg-Id'));
    }
    expect([...published].sort()).toEqual([...ids].sort());
  });
});
