import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type INestApplicationContext } from '@nestjs/common';
import { type JetStreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/nats-core';
import { RESIDENT_REGISTERED_V1, STREAMS } from '@terpadu/contracts';
import { createDataSourceOptions } from '@terpadu/database';
import {
  nodeBinary,
  startNats,
  startPostgres,
  type TestNats,
  type TestPostgres,
  workspaceRoot,
} from '@terpadu/testing';
import { DataSource } from 'typeorm';
import { consumerName, OutboxService } from '../src';
import { eventually, migrate, natsAdmin, registered, startService } from './support';

interface ConsumerProcess {
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts test/fixtures/consumer-process.ts in its own Node 24 process and waits until it runs. */
async function startConsumerProcess(env: Record<string, string>): Promise<ConsumerProcess> {
  const root = workspaceRoot();
  const child = spawn(
    nodeBinary(),
    ['-r', join(root, 'tools/ts-register.cjs'), join(__dirname, 'fixtures/consumer-process.ts')],
    { cwd: root, env: { ...process.env, TZ: 'UTC', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  await eventually(
    'the consumer process to start',
    async () => {
      if (gone) throw new Error(`consumer process exited:\n${output}`);
      return output.includes('CONSUMER_READY');
    },
    30_000,
  );
  return {
    output: () => output,
    exited,
    async stop() {
      if (!gone) child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('event durability across processes', () => {
  let pg: TestPostgres;
  let nats: TestNats;
  let url: string;
  let db: DataSource;
  let admin: { nc: NatsConnection; jsm: JetStreamManager };
  let producer: INestApplicationContext;
  const children: ConsumerProcess[] = [];
  const consumer = consumerName('projection', 'projection');

  beforeAll(async () => {
    pg = await startPostgres();
  });

  beforeEach(async () => {
    nats = await startNats();
    url = await pg.createDatabase('messaging_durability');
    await migrate(url);
    db = new DataSource(createDataSourceOptions({ url, entities: [], migrations: [] }));
    await db.initialize();
    admin = await natsAdmin(nats.url);
    producer = await startService({
      databaseUrl: url,
      messaging: { service: 'population', natsUrl: nats.url, relayPollIntervalMs: 200 },
    });
  });

  afterEach(async () => {
    for (const child of children.splice(0)) await child.stop();
    await producer.close();
    await admin.nc.close().catch(() => undefined);
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

  const commitEvent = () =>
    db.transaction((m) => producer.get(OutboxService).add(m, RESIDENT_REGISTERED_V1, registered()));

  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: url,
    NATS_URL: nats.url,
    SERVICE: 'projection',
    ACK_WAIT_MS: '1500',
    ...extra,
  });

  it('commits while NATS is stopped, and the event reaches a consumer in another process once NATS is back', async () => {
    const child = await startConsumerProcess(env());
    children.push(child);
    await eventually('the durable consumer', () =>
      admin.jsm.consumers.info(STREAMS.population.name, consumer),
    );
    await admin.nc.close();
    await nats.stop();

    const started = Date.now();
    const eventId = await commitEvent();
    expect(Date.now() - started).toBeLessThan(4000);
    await new Promise((r) => setTimeout(r, 1000));
    const [row] = await db.query<{ sent_at: Date | null }[]>(`SELECT sent_at FROM outbox WHERE id = $1`, [
      eventId,
    ]);
    expect(row.sent_at).toBeNull();
    await expect(effects(eventId)).resolves.toBe(0);

    await nats.start();
    admin = await natsAdmin(nats.url);
    await eventually('the effect in the other process', async () => (await effects(eventId)) === 1, 60_000);
    const [inbox] = await db.query<{ consumer: string }[]>(`SELECT consumer FROM inbox WHERE event_id = $1`, [
      eventId,
    ]);
    expect(inbox.consumer).toBe(consumer);
    await expect(child.stop()).resolves.toEqual({ code: 0, signal: null });
    expect(child.output()).toContain('CONSUMER_STOPPED');
  });

  it('redelivers to a restarted consumer that crashed after its commit and before its ack, without a second effect', async () => {
    const crashing = await startConsumerProcess(env({ CRASH_AFTER_COMMIT: '1' }));
    children.push(crashing);
    const eventId = await commitEvent();
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      crashing.exited,
      new Promise((r) => (timer = setTimeout(r, 30_000, 'still running after 30 s'))),
    ]);
    clearTimeout(timer);
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(crashing.output()).toContain('CRASHING_AFTER_COMMIT');
    await expect(effects(eventId)).resolves.toBe(1);
    const before = await admin.jsm.consumers.info(STREAMS.population.name, consumer);
    expect(before.ack_floor.stream_seq).toBe(0);
    expect(before.delivered.stream_seq).toBe(1);

    const restarted = await startConsumerProcess(env());
    children.push(restarted);
    const after = await eventually(
      'the redelivery to be acked',
      async () => {
        const info = await admin.jsm.consumers.info(STREAMS.population.name, consumer);
        return info.ack_floor.stream_seq === 1 && info.num_ack_pending === 0 && info;
      },
      30_000,
    );
    expect(after.delivered.consumer_seq).toBeGreaterThanOrEqual(2);
    await expect(effects(eventId)).resolves.toBe(1);
    await expect(restarted.stop()).resolves.toEqual({ code: 0, signal: null });
    expect(restarted.output()).not.toContain('CRASHING_AFTER_COMMIT');
  });
});
