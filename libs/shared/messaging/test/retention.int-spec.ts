import { randomUUID } from 'node:crypto';
import { type INestApplicationContext, Injectable } from '@nestjs/common';
import {
  DiscardPolicy,
  jetstream,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
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
  ensureStream,
  EventConsumer,
  EventConsumers,
  type MessagingOptions,
  MessagingOptionsError,
  NatsClient,
  OnEvent,
  OutboxRelay,
  OutboxService,
  RetentionPruner,
} from '../src';
import {
  compileMessaging,
  eventually,
  migrate,
  natsAdmin,
  registered,
  startService,
  TestClock,
} from './support';

const DAY_MS = 86_400_000;
const MIB = 1024 * 1024;
const nanos = (ms: number) => ms * 1_000_000;

@Injectable()
@EventConsumer('projection')
class Projection {
  @OnEvent(RESIDENT_REGISTERED_V1)
  async onRegistered(event: CloudEvent<ResidentRegisteredV1>, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO effects (consumer, event_id) VALUES ('projection', $1)`, [event.id]);
  }
}

describe('retention', () => {
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
    url = await pg.createDatabase('messaging_retention');
    await migrate(url);
    db = new DataSource(createDataSourceOptions({ url, entities: [], migrations: [] }));
    await db.initialize();
    admin = await natsAdmin(nats.url);
  });

  afterEach(async () => {
    for (const app of apps.splice(0).reverse()) await app.close();
    await admin.nc.close();
    await db.destroy();
    await nats.destroy();
    await pg.dropDatabase(url);
  });

  afterAll(async () => {
    await pg?.stop();
  });

  const start = async (
    messaging: Partial<MessagingOptions>,
    o: { clock?: TestClock; providers?: [] | [typeof Projection] } = {},
  ) => {
    const app = await startService({
      databaseUrl: url,
      messaging: { service: 'population', natsUrl: nats.url, relay: false, pruneIntervalMs: 0, ...messaging },
      clock: o.clock,
      providers: o.providers,
    });
    apps.push(app);
    return app;
  };

  const streamInfo = () => admin.jsm.streams.info(STREAMS.population.name);

  describe('stream limits', () => {
    it('creates the stream with the configured max age and size, refusing new events when full', async () => {
      await start({ relay: true, streamMaxAgeMs: 3 * DAY_MS, streamMaxBytes: 64 * MIB });
      const info = await eventually('the stream', () => streamInfo());
      expect(info.config).toMatchObject({
        max_age: nanos(3 * DAY_MS),
        max_bytes: 64 * MIB,
        discard: DiscardPolicy.New,
        duplicate_window: nanos(120_000),
      });
    });

    it('defaults to 30 days and 1 GiB, and 0 means no limit', async () => {
      await start({ relay: true });
      const info = await eventually('the stream', () => streamInfo());
      expect(info.config).toMatchObject({ max_age: nanos(30 * DAY_MS), max_bytes: 1024 * MIB });

      await ensureStream(admin.jsm, STREAMS.population, {
        duplicateWindowMs: 120_000,
        maxAgeMs: 0,
        maxBytes: 0,
        owner: true,
      });
      expect((await streamInfo()).config).toMatchObject({ max_age: 0, max_bytes: -1 });
    });

    it('updates an existing stream without limits to them, and keeps its events', async () => {
      await admin.jsm.streams.add({
        name: STREAMS.population.name,
        subjects: [...STREAMS.population.subjects],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        duplicate_window: nanos(120_000),
      });
      const before = await streamInfo();
      expect(before.config).toMatchObject({ max_age: 0, max_bytes: -1, discard: DiscardPolicy.Old });
      await jetstream(admin.nc).publish(RESIDENT_REGISTERED_V1, JSON.stringify({ id: randomUUID() }));

      await start({ relay: true, streamMaxAgeMs: 2 * DAY_MS, streamMaxBytes: 32 * MIB });
      const after = await eventually('the stream limits updated', async () => {
        const info = await streamInfo();
        return info.config.max_age === nanos(2 * DAY_MS) && info;
      });
      expect(after.config).toMatchObject({ max_bytes: 32 * MIB, discard: DiscardPolicy.New });
      expect(after.state.messages).toBe(1);
    });

    it("lets only the stream's producing service change its limits; a consumer creates a missing one", async () => {
      const consumerSettings = {
        duplicateWindowMs: 120_000,
        maxAgeMs: 1 * DAY_MS,
        maxBytes: 8 * MIB,
        owner: false,
      };
      // Nothing there yet: the consumer creates the stream with its own limits.
      await ensureStream(admin.jsm, STREAMS.population, consumerSettings);
      expect((await streamInfo()).config).toMatchObject({ max_age: nanos(DAY_MS), max_bytes: 8 * MIB });
      // The producer sets its own, and a consumer that starts later leaves them.
      await ensureStream(admin.jsm, STREAMS.population, {
        ...consumerSettings,
        maxAgeMs: 5 * DAY_MS,
        owner: true,
      });
      await ensureStream(admin.jsm, STREAMS.population, consumerSettings);
      expect((await streamInfo()).config).toMatchObject({ max_age: nanos(5 * DAY_MS), max_bytes: 8 * MIB });

      // The same through the services: a consumer of population's stream configured otherwise.
      await start(
        { service: 'projection', streamMaxAgeMs: 2 * DAY_MS, inboxRetentionMs: 3 * DAY_MS },
        {
          providers: [Projection],
        },
      );
      const consumers = apps[0].get(EventConsumers).list();
      await eventually('the durable consumer', () =>
        admin.jsm.consumers.info(STREAMS.population.name, consumers[0].consumer),
      );
      expect((await streamInfo()).config.max_age).toBe(nanos(5 * DAY_MS));
    });
  });

  describe('pruning', () => {
    const T0 = '2031-01-01T00:00:00.000Z';
    const at = (days: number) => new Date(new Date(T0).getTime() + days * DAY_MS);
    const retention = {
      outboxRetentionMs: 7 * DAY_MS,
      inboxRetentionMs: 35 * DAY_MS,
      streamMaxAgeMs: 30 * DAY_MS,
    };

    /** The producer-and-consumer service, relaying by hand, with events handled at the Clock's time. */
    const service = async (clock: TestClock, extra: Partial<MessagingOptions> = {}) => {
      const app = await start(
        { ...retention, pruneBatchSize: 1, ...extra },
        { clock, providers: [Projection] },
      );
      await app.get(NatsClient).get();
      return app;
    };
    const commit = (app: INestApplicationContext) =>
      db.transaction((m) => app.get(OutboxService).add(m, RESIDENT_REGISTERED_V1, registered()));
    /** Publishes the unsent rows, and waits until the consumer (of any replica) handled `events`. */
    const publishAndHandle = async (app: INestApplicationContext, events: string[]) => {
      await expect(app.get(OutboxRelay).relayBatch()).resolves.toBe(events.length);
      await eventually('the events handled', async () => {
        const [row] = await db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1::uuid[])`,
          [events],
        );
        return row.n === events.length;
      });
    };
    const ids = async (sql: string) => (await db.query<{ id: string }[]>(sql)).map((r) => r.id).sort();
    const outboxIds = () => ids(`SELECT id FROM outbox`);
    const inboxIds = () => ids(`SELECT event_id AS id FROM inbox`);
    const deadLetter = async (consumer: string, parkedAt: Date, replayedAt: Date | null) => {
      const id = randomUUID();
      await db.query(
        `INSERT INTO dead_letters (id, consumer, event_id, event_type, envelope, headers, error, attempts, parked_at, replayed_at)
         VALUES ($1, $2, $3, $4, '{}', '{}', 'boom', 5, $5, $6)`,
        [id, consumer, randomUUID(), RESIDENT_REGISTERED_V1, parkedAt, replayedAt],
      );
      return id;
    };

    it('deletes sent outbox rows and inbox rows past their retention, and keeps unsent and recent ones', async () => {
      const clock = new TestClock(T0);
      const app = await service(clock);
      const old = [await commit(app), await commit(app)];
      await publishAndHandle(app, old);
      clock.set(at(30));
      const recent = await commit(app);
      await publishAndHandle(app, [recent]);
      const unsent = await commit(app);
      const consumer = app.get(EventConsumers).list()[0].consumer;
      const replayedLongAgo = await deadLetter(consumer, at(0), at(0));
      const replayedRecently = await deadLetter(consumer, at(0), at(30));
      const open = await deadLetter(consumer, at(0), null);

      const deadLetterIds = () => ids(`SELECT id FROM dead_letters`);
      expect(await deadLetterIds()).toEqual([replayedLongAgo, replayedRecently, open].sort());

      // Day 30: the rows sent on day 0 are past the outbox's 7 days; no inbox row is past 35 days.
      await expect(app.get(RetentionPruner).prune()).resolves.toEqual({
        outbox: 2,
        inbox: 0,
        deadLetters: 0,
        keptConsumers: [],
      });
      expect(await outboxIds()).toEqual([recent, unsent].sort());
      expect(await inboxIds()).toEqual([...old, recent].sort());

      // Day 36: the inbox rows of day 0 and the dead letter replayed on day 0 go; day 30's stay.
      clock.set(at(36));
      await expect(app.get(RetentionPruner).prune()).resolves.toEqual({
        outbox: 0,
        inbox: 2,
        deadLetters: 1,
        keptConsumers: [],
      });
      expect(await outboxIds()).toEqual([recent, unsent].sort());
      expect(await inboxIds()).toEqual([recent]);
      expect(await deadLetterIds()).toEqual([replayedRecently, open].sort());

      // Day 400: everything old goes, except the unsent row and the open dead letter (the operator's).
      clock.set(at(400));
      await expect(app.get(RetentionPruner).prune()).resolves.toMatchObject({
        outbox: 1,
        inbox: 1,
        deadLetters: 1,
      });
      expect(await outboxIds()).toEqual([unsent]);
      expect(await inboxIds()).toEqual([]);
      expect(await deadLetterIds()).toEqual([open]);
    });

    it('shares the work between replicas pruning at once, each row deleted once', async () => {
      const clock = new TestClock(T0);
      const first = await service(clock);
      const second = await service(clock, { relay: false });
      const events: string[] = [];
      for (let i = 0; i < 30; i++) events.push(await commit(first));
      await publishAndHandle(first, events);
      clock.set(at(40));
      const [a, b] = await Promise.all([
        first.get(RetentionPruner).prune(),
        second.get(RetentionPruner).prune(),
      ]);
      expect(a.outbox + b.outbox).toBe(30);
      // The replicas share one durable consumer: one inbox row per event, whichever handled it.
      expect(a.inbox + b.inbox).toBe(30);
      await expect(outboxIds()).resolves.toEqual([]);
      await expect(inboxIds()).resolves.toEqual([]);
    });

    it('keeps the inbox rows of a consumer whose stream could still redeliver them (its max age >= the retention)', async () => {
      const clock = new TestClock(T0);
      const app = await service(clock);
      const event = await commit(app);
      await publishAndHandle(app, [event]);
      // Someone (another version of population) made the stream keep events forever.
      await admin.jsm.streams.update(STREAMS.population.name, { max_age: 0 });
      clock.set(at(100));
      const consumer = app.get(EventConsumers).list()[0].consumer;
      await expect(app.get(RetentionPruner).prune()).resolves.toMatchObject({
        outbox: 1,
        inbox: 0,
        keptConsumers: [consumer],
      });
      expect(await inboxIds()).toEqual([event]);

      await admin.jsm.streams.update(STREAMS.population.name, { max_age: nanos(35 * DAY_MS) });
      await expect(app.get(RetentionPruner).prune()).resolves.toMatchObject({ keptConsumers: [consumer] });
      await admin.jsm.streams.update(STREAMS.population.name, { max_age: nanos(34 * DAY_MS) });
      await expect(app.get(RetentionPruner).prune()).resolves.toMatchObject({ inbox: 1, keptConsumers: [] });
    });

    it('does not prune the inbox while NATS cannot be asked about the streams, but still prunes the outbox', async () => {
      const clock = new TestClock(T0);
      const app = await service(clock);
      const event = await commit(app);
      await publishAndHandle(app, [event]);
      await admin.nc.close();
      await nats.stop();
      await eventually('NATS seen down', async () => !app.get(NatsClient).isConnected());
      clock.set(at(100));
      const outcome = await app.get(RetentionPruner).prune();
      expect(outcome).toMatchObject({ outbox: 1, inbox: 0, inboxSkipped: expect.stringContaining('NATS') });
      expect(await inboxIds()).toEqual([event]);
      await nats.start();
      admin = await natsAdmin(nats.url);
    });

    it('runs by itself every pruneIntervalMs in a running service', async () => {
      const clock = new TestClock(T0);
      const app = await service(clock, { pruneIntervalMs: 200 });
      const event = await commit(app);
      await publishAndHandle(app, [event]);
      clock.set(at(40));
      await eventually(
        'the rows pruned',
        async () => (await outboxIds()).length + (await inboxIds()).length === 0,
      );
    });
  });

  describe('configuration', () => {
    const boot = (o: Partial<MessagingOptions>) =>
      compileMessaging({ service: 'population', natsUrl: nats.url, ...o });

    it('refuses to boot with an inbox retention not longer than the duplicate window', async () => {
      await expect(
        boot({ duplicateWindowMs: 120_000, inboxRetentionMs: 120_000, streamMaxAgeMs: 120_000 }),
      ).rejects.toThrow(MessagingOptionsError);
      await expect(boot({ duplicateWindowMs: 120_000, inboxRetentionMs: 60_000 })).rejects.toThrow(
        'inboxRetentionMs (60000) must be 0 or longer than duplicateWindowMs (120000)',
      );
      // Just past the window (and past the stream's max age) boots.
      const booted = await boot({
        duplicateWindowMs: 120_000,
        streamMaxAgeMs: 120_000,
        inboxRetentionMs: 120_001,
      });
      await booted.close();
    });

    it('refuses to boot with an inbox retention not longer than the stream max age, or with streams kept forever', async () => {
      await expect(boot({ streamMaxAgeMs: 30 * DAY_MS, inboxRetentionMs: 30 * DAY_MS })).rejects.toThrow(
        /inboxRetentionMs \(\d+\) must be longer than streamMaxAgeMs/,
      );
      await expect(boot({ streamMaxAgeMs: 0, inboxRetentionMs: 400 * DAY_MS })).rejects.toThrow(
        'inboxRetentionMs must be 0 while streamMaxAgeMs is 0',
      );
      await expect(boot({ streamMaxAgeMs: 60_000, inboxRetentionMs: 0 })).rejects.toThrow(
        'streamMaxAgeMs (60000) must be 0 or at least duplicateWindowMs (120000)',
      );
      // Keeping inbox rows forever is always safe.
      const booted = await boot({ streamMaxAgeMs: 0, inboxRetentionMs: 0 });
      await booted.close();
    });
  });
});
