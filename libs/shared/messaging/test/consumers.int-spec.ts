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
  RESIDENT_REGISTERED_V1,
  type ResidentRegisteredV1,
  Role,
  STREAMS,
} from '@terpadu/contracts';
import { createDataSourceOptions } from '@terpadu/database';
import { startNats, startPostgres, type TestNats, type TestPostgres } from '@terpadu/testing';
import { DataSource, type EntityManager } from 'typeorm';
import {
  consumerName,
  EventConsumers,
  OnEvent,
  OutboxService,
  RpcClient,
  RpcClientModule,
  ServiceCallError,
} from '../src';
import { eventually, migrate, natsAdmin, registered, startService } from './support';

@Injectable()
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
    const name = consumerName('projection', 'FlakyProjection-onRegistered');
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

  it('recreates its durable consumer when it is deleted, and goes on handling events', async () => {
    const app = await startService({
      databaseUrl: url,
      messaging: { service: 'projection', natsUrl: nats.url },
      providers: [FlakyProjection],
    });
    apps.push(app);
    app.get(FlakyProjection).failing = false;
    const name = consumerName('projection', 'FlakyProjection-onRegistered');
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

    const consumer = consumerName('projection', 'FlakyProjection-onRegistered');
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
