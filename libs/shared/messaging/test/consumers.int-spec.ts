import { randomUUID } from 'node:crypto';
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/nats-core';
import { jetstream, type JetStreamManager } from '@nats-io/jetstream';
import {
  type CloudEvent,
  type DeadLettersRpc,
  deadLettersListSubject,
  deadLettersReplaySubject,
  ErrorCode,
  BIRTH_REGISTERED_V1,
  RESIDENT_REGISTERED_V1,
  RESIDENT_UPDATED_V1,
  type ResidentRegisteredV1,
  type ResidentUpdatedV1,
  Role,
  STREAMS,
} from '@terpadu/contracts';
import { createDataSourceOptions } from '@terpadu/database';
import { startNats, startPostgres, type TestNats, type TestPostgres } from '@terpadu/testing';
import { DataSource, type EntityManager } from 'typeorm';
import {
  consumerName,
  EventConsumer,
  EventConsumers,
  OnEvent,
  OutboxService,
  RpcClient,
  RpcClientModule,
  ServiceCallError,
} from '../src';
import { eventually, migrate, natsAdmin, registered, startService } from './support';

@Injectable()
@EventConsumer('flaky-projection')
class FlakyProjection {
  failing = true;
  calls = 0;

  @OnEvent(RESIDENT_REGISTERED_V1)
  async onRegistered(event: CloudEvent<ResidentRegisteredV1>, manager: EntityManager): Promise<void> {
    this.calls += 1;
    await manager.query(`INSERT INTO effects (consumer, event_id) VALUES ('flaky', $1)`, [event.id]);
    if (this.failing) throw new Error(`projection store rejected resident ${event.data.residentId}`);
  }
}

/** The same consumer, as code renamed later: another class, another method name, the same name. */
@Injectable()
@EventConsumer('renamed-projection')
class ProjectionBeforeRename {
  @OnEvent(RESIDENT_REGISTERED_V1)
  async onRegistered(event: CloudEvent<ResidentRegisteredV1>, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO effects (consumer, event_id) VALUES ('before', $1)`, [event.id]);
  }
}

@Injectable()
@EventConsumer('renamed-projection')
class ProjectionAfterRename {
  @OnEvent(RESIDENT_REGISTERED_V1)
  async whenResidentRegistered(
    event: CloudEvent<ResidentRegisteredV1>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(`INSERT INTO effects (consumer, event_id) VALUES ('after', $1)`, [event.id]);
  }
}

@Injectable()
class Unnamed {
  @OnEvent(RESIDENT_REGISTERED_V1)
  async onRegistered(): Promise<void> {}
}

@Injectable()
@EventConsumer('one-name')
class FirstOfOneName {
  @OnEvent(RESIDENT_REGISTERED_V1)
  async onRegistered(): Promise<void> {}
}

@Injectable()
@EventConsumer('one-name')
class SecondOfOneName {
  @OnEvent(RESIDENT_UPDATED_V1)
  async onUpdated(): Promise<void> {}
}

/** One consumer for two subjects of one stream: sees them in stream order, other subjects acked. */
@Injectable()
@EventConsumer('ordered-projection')
class OrderedProjection {
  readonly seen: string[] = [];

  @OnEvent(RESIDENT_REGISTERED_V1)
  async onRegistered(event: CloudEvent<ResidentRegisteredV1>): Promise<void> {
    this.seen.push(`registered ${event.data.residentId}`);
  }

  @OnEvent(RESIDENT_UPDATED_V1)
  async onUpdated(event: CloudEvent<ResidentUpdatedV1>): Promise<void> {
    this.seen.push(`updated ${event.data.residentId}`);
  }
}

const admin = { actor: { sub: 'ops', roles: [Role.Admin], jurisdiction: [] } };

describe(EventConsumers.name, () => {
  let pg: TestPostgres;
  let nats: TestNats;
  let url: string;
  let db: DataSource;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const apps: INestApplicationContext[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
  });

  beforeEach(async () => {
    nats = await startNats();
    url = await pg.createDatabase('messaging_consumers');
    await migrate(url);
    db = new DataSource(createDataSourceOptions({ url, entities: [], migrations: [] }));
    await db.initialize();
    ({ nc, jsm } = await natsAdmin(nats.url));
  });

  afterEach(async () => {
    for (const app of apps.splice(0).reverse()) await app.close();
    await nc.close();
    await db.destroy();
    await nats.destroy();
    await pg.dropDatabase(url);
  });

  afterAll(async () => {
    await pg?.stop();
  });

  const effects = async (eventId: string) =>
    (
      await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM effects WHERE event_id = $1`, [eventId])
    )[0].n;

  it('runs the handler once for an event delivered twice, and acks both deliveries', async () => {
    const app = await startService({
      databaseUrl: url,
      messaging: { service: 'projection', natsUrl: nats.url, relay: false },
      providers: [FlakyProjection],
    });
    apps.push(app);
    const projection = app.get(FlakyProjection);
    projection.failing = false;
    const event: CloudEvent<ResidentRegisteredV1> = {
      specversion: '1.0',
      id: randomUUID(),
      source: 'terpadu/population',
      type: RESIDENT_REGISTERED_V1,
      time: '2026-01-01T00:00:00.000Z',
      datacontenttype: 'application/json',
      data: registered(),
    };
    await eventually('the stream', () => jsm.streams.info(STREAMS.population.name));
    const js = jetstream(nc);
    // Two different message ids, so the stream keeps both: a duplicate the dedupe window missed.
    for (let i = 0; i < 2; i++) {
      const h = natsHeaders();
      await js.publish(RESIDENT_REGISTERED_V1, JSON.stringify(event), { msgID: randomUUID(), headers: h });
    }
    const name = consumerName('projection', 'flaky-projection');
    await eventually('both deliveries acked', async () => {
      const info = await jsm.consumers.info(STREAMS.population.name, name);
      return info.ack_floor.stream_seq === 2 && info.num_ack_pending === 0;
    });
    expect(projection.calls).toBe(1);
    await expect(effects(event.id)).resolves.toBe(1);
    const inbox = await db.query<{ consumer: string }[]>(`SELECT consumer FROM inbox WHERE event_id = $1`, [
      event.id,
    ]);
    expect(inbox).toEqual([{ consumer: name }]);
  });

  it('keeps a consumer identity by its explicit name: renamed code goes on where it left off', async () => {
    const projection = { service: 'projection', natsUrl: nats.url, relay: false };
    const before = await startService({
      databaseUrl: url,
      messaging: projection,
      providers: [ProjectionBeforeRename],
    });
    const producer = await startService({
      databaseUrl: url,
      messaging: { service: 'population', natsUrl: nats.url },
    });
    apps.push(producer);
    const first = await db.transaction((m) =>
      producer.get(OutboxService).add(m, RESIDENT_REGISTERED_V1, registered()),
    );
    await eventually('the first event handled', async () => (await effects(first)) === 1, 30_000);
    await before.close();

    const after = await startService({
      databaseUrl: url,
      messaging: projection,
      providers: [ProjectionAfterRename],
    });
    apps.push(after);
    const second = await db.transaction((m) =>
      producer.get(OutboxService).add(m, RESIDENT_REGISTERED_V1, registered()),
    );
    await eventually('the second event handled', async () => (await effects(second)) === 1, 30_000);
    const rows = await db.query<{ consumer: string; event_id: string }[]>(
      `SELECT consumer, event_id FROM effects ORDER BY consumer`,
    );
    // The renamed handler did not replay the stream: the first event stays handled once, by the old code.
    expect(rows).toEqual([
      { consumer: 'after', event_id: second },
      { consumer: 'before', event_id: first },
    ]);
    const consumers: string[] = [];
    for await (const c of jsm.consumers.list(STREAMS.population.name)) consumers.push(c.name);
    expect(consumers).toEqual([consumerName('projection', 'renamed-projection')]);
  });

  it('fails at boot for a handler without a consumer name, and for two consumers of one name', async () => {
    const messaging = { service: 'projection', natsUrl: nats.url, relay: false };
    await expect(startService({ databaseUrl: url, messaging, providers: [Unnamed] })).rejects.toThrow(
      /Unnamed has @OnEvent handlers but no @EventConsumer/,
    );
    await expect(
      startService({ databaseUrl: url, messaging, providers: [FirstOfOneName, SecondOfOneName] }),
    ).rejects.toThrow(/Two event consumers are named one-name/);
  });

  it('runs the handlers of one consumer on one durable consumer, in stream order, acking other subjects', async () => {
    const app = await startService({
      databaseUrl: url,
      messaging: { service: 'projection', natsUrl: nats.url, relay: false },
      providers: [OrderedProjection],
    });
    apps.push(app);
    const producer = await startService({
      databaseUrl: url,
      messaging: { service: 'population', natsUrl: nats.url },
    });
    apps.push(producer);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await db.transaction(async (m) => {
      const outbox = producer.get(OutboxService);
      for (const id of ids) {
        await outbox.add(m, RESIDENT_REGISTERED_V1, registered(id));
        // A subject of the stream that this consumer does not handle.
        await outbox.add(m, BIRTH_REGISTERED_V1, { noise: true } as never);
        const { familyCardNumber: _card, registeredAt: _at, ...person } = registered(id);
        await outbox.add(m, RESIDENT_UPDATED_V1, {
          ...person,
          changedFields: ['fullName'],
          updatedAt: '2026-01-02T00:00:00.000Z',
        });
      }
    });
    const projection = app.get(OrderedProjection);
    await eventually('every event handled', async () => projection.seen.length === 6, 30_000);
    expect(projection.seen).toEqual(ids.flatMap((id) => [`registered ${id}`, `updated ${id}`]));
    const name = consumerName('projection', 'ordered-projection');
    await eventually('all nine acked', async () => {
      const info = await jsm.consumers.info(STREAMS.population.name, name);
      return info.ack_floor.stream_seq === 9 && info.num_ack_pending === 0;
    });
    await expect(jsm.consumers.info(STREAMS.population.name, name)).resolves.toMatchObject({
      config: { filter_subject: 'evt.population.>' },
    });
    const inbox = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM inbox WHERE consumer = $1`,
      [name],
    );
    expect(inbox[0].n).toBe(6);
  });

  it('parks an event whose payload its contract refuses at its first delivery, naming the fields', async () => {
    const app = await startService({
      databaseUrl: url,
      messaging: { service: 'projection', natsUrl: nats.url, relay: false },
      providers: [FlakyProjection],
    });
    apps.push(app);
    const projection = app.get(FlakyProjection);
    projection.failing = false;
    const producer = await startService({
      databaseUrl: url,
      messaging: { service: 'population', natsUrl: nats.url },
    });
    apps.push(producer);
    const bad = { ...registered(), nik: '12345', registeredAt: 'yesterday' };
    const eventId = await db.transaction((m) =>
      producer.get(OutboxService).add(m, RESIDENT_REGISTERED_V1, bad),
    );
    const parked = await eventually('the dead letter', async () => {
      const rows = await db.query<{ error: string; attempts: number }[]>(
        `SELECT error, attempts FROM dead_letters WHERE event_id = $1`,
        [eventId],
      );
      return rows.length === 1 ? rows[0] : undefined;
    });
    expect(parked.attempts).toBe(1);
    expect(parked.error).toMatch(/^InvalidEventPayloadError: Invalid fields in the payload/);
    expect(parked.error).toContain('"field":"nik"');
    expect(parked.error).toContain('"field":"registeredAt"');
    // Field paths and rules only: the rejected values are not copied into the error.
    expect(parked.error).not.toContain('12345');
    expect(parked.error).not.toContain('yesterday');
    expect(projection.calls).toBe(0);
    await expect(effects(eventId)).resolves.toBe(0);
  });

  it('recreates its durable consumer when it is deleted, and goes on handling events', async () => {
    const app = await startService({
      databaseUrl: url,
      messaging: { service: 'projection', natsUrl: nats.url },
      providers: [FlakyProjection],
    });
    apps.push(app);
    app.get(FlakyProjection).failing = false;
    const name = consumerName('projection', 'flaky-projection');
    await eventually('the durable consumer', () => jsm.consumers.info(STREAMS.population.name, name));
    await jsm.consumers.delete(STREAMS.population.name, name);

    const eventId = await db.transaction((m) =>
      app.get(OutboxService).add(m, RESIDENT_REGISTERED_V1, registered()),
    );
    await eventually(
      'the event handled by the recreated consumer',
      async () => (await effects(eventId)) === 1,
      30_000,
    );
    await expect(jsm.consumers.info(STREAMS.population.name, name)).resolves.toMatchObject({
      config: { durable_name: name, filter_subject: RESIDENT_REGISTERED_V1, ack_policy: 'explicit' },
    });
  });

  it('parks an event that keeps failing after maxDeliveries, and replays it once over RPC', async () => {
    const producer = await startService({
      databaseUrl: url,
      messaging: { service: 'population', natsUrl: nats.url, relayPollIntervalMs: 200 },
    });
    apps.push(producer);
    const service = await startService({
      databaseUrl: url,
      messaging: {
        service: 'projection',
        natsUrl: nats.url,
        relay: false,
        maxDeliveries: 3,
        retryBaseDelayMs: 50,
      },
      providers: [FlakyProjection],
      microservice: true,
    });
    apps.push(service);
    const gatewayRef = await Test.createTestingModule({
      imports: [
        RpcClientModule.register({ servers: nats.url, name: 'test-gateway', defaultTimeoutMs: 5000 }),
      ],
    }).compile();
    await gatewayRef.init();
    apps.push(gatewayRef);
    const rpc = gatewayRef.get(RpcClient);
    const projection = service.get(FlakyProjection);

    const data = registered();
    const eventId = await db.transaction((m) =>
      producer.get(OutboxService).add(m, RESIDENT_REGISTERED_V1, data),
    );

    const consumer = consumerName('projection', 'flaky-projection');
    const [parked] = await eventually('the dead letter', async () => {
      const rows = await db.query<{ id: string; error: string; attempts: number; event_id: string }[]>(
        `SELECT id, error, attempts, event_id FROM dead_letters WHERE consumer = $1`,
        [consumer],
      );
      return rows.length > 0 && rows;
    });
    expect(parked).toMatchObject({ event_id: eventId, attempts: 3 });
    expect(parked.error).toContain(`projection store rejected resident ${data.residentId}`);
    // No effect survived (each failed transaction rolled back) and the server stops redelivering.
    await new Promise((r) => setTimeout(r, 1000));
    expect(projection.calls).toBe(3);
    await expect(effects(eventId)).resolves.toBe(0);
    const info = await jsm.consumers.info(STREAMS.population.name, consumer);
    expect(info.num_ack_pending).toBe(0);

    type ListResponse = DeadLettersRpc['list']['response'];
    const listed = await rpc.sendUntyped<ListResponse>(deadLettersListSubject('projection'), {
      ...admin,
      includeReplayed: false,
    });
    expect(listed.items).toEqual([
      {
        id: parked.id,
        service: 'projection',
        consumer,
        eventId,
        eventType: RESIDENT_REGISTERED_V1,
        attempts: 3,
        error: parked.error,
        parkedAt: expect.any(String),
        replayedAt: null,
      },
    ]);

    // Still failing: the replay answers an error and the dead letter stays open with one more attempt.
    const stillFailing = await rpc
      .sendUntyped(deadLettersReplaySubject('projection'), { ...admin, id: parked.id })
      .catch((e: unknown) => e);
    expect(stillFailing).toBeInstanceOf(ServiceCallError);
    expect((stillFailing as ServiceCallError).body).toMatchObject({
      code: ErrorCode.INTERNAL_ERROR,
      status: 500,
    });
    await expect(effects(eventId)).resolves.toBe(0);

    projection.failing = false;
    const replayed = await rpc.sendUntyped<DeadLettersRpc['replay']['response']>(
      deadLettersReplaySubject('projection'),
      {
        ...admin,
        id: parked.id,
      },
    );
    expect(replayed).toMatchObject({ id: parked.id, eventId, attempts: 4, replayedAt: expect.any(String) });
    await expect(effects(eventId)).resolves.toBe(1);

    const again = await rpc
      .sendUntyped(deadLettersReplaySubject('projection'), { ...admin, id: parked.id })
      .catch((e: unknown) => e);
    expect((again as ServiceCallError).body).toEqual({
      code: ErrorCode.DEAD_LETTER_ALREADY_REPLAYED,
      status: 409,
      detail: expect.any(String),
    });
    const unknown = await rpc
      .sendUntyped(deadLettersReplaySubject('projection'), { ...admin, id: randomUUID() })
      .catch((e: unknown) => e);
    expect((unknown as ServiceCallError).body).toMatchObject({
      code: ErrorCode.DEAD_LETTER_NOT_FOUND,
      status: 404,
    });
    const forbidden = await rpc
      .sendUntyped(deadLettersListSubject('projection'), {
        actor: { sub: 'x', roles: [Role.Registrar], jurisdiction: [] },
      })
      .catch((e: unknown) => e);
    expect((forbidden as ServiceCallError).body).toMatchObject({ code: ErrorCode.FORBIDDEN, status: 403 });

    const open = await rpc.sendUntyped<ListResponse>(deadLettersListSubject('projection'), {
      ...admin,
      includeReplayed: false,
    });
    expect(open.items).toEqual([]);
    const all = await rpc.sendUntyped<ListResponse>(deadLettersListSubject('projection'), {
      ...admin,
      includeReplayed: true,
    });
    expect(all.items.map((i) => i.id)).toEqual([parked.id]);
    await expect(effects(eventId)).resolves.toBe(1);
  });
});
