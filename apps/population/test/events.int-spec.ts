import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  POPULATION_RESIDENTS_REGISTER,
  POPULATION_RESIDENTS_UPDATE,
  RESIDENT_REGISTERED_V1,
  RESIDENT_UPDATED_V1,
  ResidentStatus,
  Sex,
  STREAMS,
} from '@terpadu/contracts';
import { createDataSourceOptions, MESSAGING_MIGRATIONS } from '@terpadu/database';
import { eventually, nodeBinary, StreamReader, workspaceRoot } from '@terpadu/testing';
import { DataSource } from 'typeorm';
import { ResidentsService } from '../src/residents/residents.service';
import { registrar, residentDto, VILLAGE_A } from './builders';
import { type PopulationTestApp, startPopulationApp } from './population-app';

/** The effects table the consumer fixture writes into (one row per handled event, no unique key). */
const EFFECTS_TABLE = `CREATE TABLE effects (
  seq bigserial PRIMARY KEY,
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  trace_id text,
  pid int NOT NULL DEFAULT pg_backend_pid()
)`;

interface ConsumerProcess {
  output(): string;
  stop(): Promise<void>;
}

/**
 * Another service in its own Node process: the messaging lib's consumer fixture (a Nest app with
 * MessagingModule and an @OnEvent(RESIDENT_REGISTERED_V1) handler that records its effect), with its
 * own database, consuming through a durable JetStream consumer with an inbox.
 */
async function startConsumerProcess(env: Record<string, string>): Promise<ConsumerProcess> {
  const root = workspaceRoot();
  const child = spawn(
    nodeBinary(),
    [
      '-r',
      join(root, 'tools/ts-register.cjs'),
      join(root, 'libs/shared/messaging/test/fixtures/consumer-process.ts'),
    ],
    { cwd: root, env: { ...process.env, TZ: 'UTC', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  await eventually(async () => {
    if (gone) throw new Error(`consumer process exited:\n${output}`);
    expect(output).toContain('CONSUMER_READY');
  }, 30_000);
  return {
    output: () => output,
    async stop() {
      if (!gone) child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('population events (outbox to JetStream)', () => {
  let t: PopulationTestApp;
  let stream: StreamReader;
  const actor = registrar();

  beforeAll(async () => {
    t = await startPopulationApp();
    stream = await StreamReader.connect(t.nats.url, STREAMS.population);
  });

  afterAll(async () => {
    await stream?.close();
    await t?.close();
  });

  /** The relay marks a row sent once JetStream acknowledged it (right after the publish). */
  const expectMarkedSent = (eventId: string) =>
    eventually(async () => {
      const [row] = await t.dataSource.query<{ sent_at: Date | null }[]>(
        `SELECT sent_at FROM outbox WHERE id = $1`,
        [eventId],
      );
      expect(row.sent_at).toBeInstanceOf(Date);
    });

  it('publishes RESIDENT_REGISTERED_V1 on EVT_POPULATION with the CloudEvents envelope and the projection payload', async () => {
    const view = await t.send(POPULATION_RESIDENTS_REGISTER, {
      actor,
      resident: residentDto({ fullName: 'Ratna Sari', sex: Sex.Female }),
    });
    const { subject, msgId, event } = await stream.waitFor(
      RESIDENT_REGISTERED_V1,
      (e) => e.data.residentId === view.id,
    );

    expect(subject).toBe(RESIDENT_REGISTERED_V1);
    expect(msgId).toBe(event.id);
    expect(event).toEqual({
      specversion: '1.0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      source: 'terpadu/population',
      type: RESIDENT_REGISTERED_V1,
      time: expect.any(String),
      subject: view.id,
      datacontenttype: 'application/json',
      data: {
        residentId: view.id,
        nik: view.nik,
        fullName: 'Ratna Sari',
        birthDate: view.birthDate,
        sex: Sex.Female,
        villageCode: VILLAGE_A,
        status: ResidentStatus.Hidup,
        familyCardNumber: null,
        registeredAt: view.createdAt,
      },
    });
    // The event subject is an internal id, never the NIK.
    expect(JSON.stringify([subject, event.subject])).not.toContain(view.nik);
    await expectMarkedSent(event.id);
    expect(STREAMS.population.name).toBe('EVT_POPULATION');
  });

  it('publishes RESIDENT_UPDATED_V1 naming the corrected fields and carrying their new values', async () => {
    const view = await t.send(POPULATION_RESIDENTS_REGISTER, { actor, resident: residentDto() });
    await t.send(POPULATION_RESIDENTS_UPDATE, {
      actor,
      nik: view.nik,
      changes: { fullName: 'Budi Santosa', birthDate: '1985-08-16', reason: 'Per KTP' },
    });
    const { event } = await stream.waitFor(RESIDENT_UPDATED_V1, (e) => e.data.residentId === view.id);
    expect(event.subject).toBe(view.id);
    expect(event.data).toEqual({
      residentId: view.id,
      nik: view.nik,
      changedFields: ['fullName', 'birthDate'],
      fullName: 'Budi Santosa',
      birthDate: '1985-08-16',
      sex: Sex.Male,
      villageCode: VILLAGE_A,
      status: ResidentStatus.Hidup,
      updatedAt: t.clock.now().toISOString(),
    });
  });

  it('keeps a registration made while NATS is down, and delivers its event to a consumer in another process once NATS is back', async () => {
    // The consuming service: its own database (messaging tables + effects) and its own process.
    const consumerDbUrl = await t.postgres.createDatabase('population_consumer');
    const consumerDb = new DataSource(
      createDataSourceOptions({ url: consumerDbUrl, entities: [], migrations: MESSAGING_MIGRATIONS }),
    );
    await consumerDb.initialize();
    await consumerDb.runMigrations();
    await consumerDb.query(EFFECTS_TABLE);
    const effects = async (eventId: string) =>
      (
        await consumerDb.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM effects WHERE event_id = $1`,
          [eventId],
        )
      )[0].n;
    let consumer: ConsumerProcess | undefined;
    try {
      consumer = await startConsumerProcess({
        DATABASE_URL: consumerDbUrl,
        NATS_URL: t.nats.url,
        SERVICE: 'population-durability',
      });

      await t.nats.stop();
      // RPC needs NATS, so the registration is made in-process: the service itself must not need NATS.
      const view = await t.app
        .get(ResidentsService)
        .register(actor, residentDto({ fullName: 'Saat NATS Mati' }));
      const [row] = await t.dataSource.query<{ id: string; sent_at: Date | null }[]>(
        `SELECT id, sent_at FROM outbox WHERE envelope->>'subject' = $1`,
        [view.id],
      );
      expect(row.sent_at).toBeNull();
      await expect(
        t.dataSource.query(`SELECT 1 FROM residents WHERE id = $1`, [view.id]),
      ).resolves.toHaveLength(1);
      await new Promise((r) => setTimeout(r, 1500));
      await expect(effects(row.id)).resolves.toBe(0);

      await t.nats.start();
      await eventually(async () => expect(await effects(row.id)).toBe(1), 60_000);
      await expectMarkedSent(row.id);
      // Handled once, even though the relay retried while NATS was away.
      await new Promise((r) => setTimeout(r, 1000));
      await expect(effects(row.id)).resolves.toBe(1);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- consumer process ---\n${consumer?.output() ?? ''}`);
    } finally {
      await t.nats.start();
      await consumer?.stop();
      await consumerDb.destroy();
    }
  });

  it('answers RPC again after NATS came back (the service reconnects by itself)', async () => {
    const dto = residentDto();
    await expect(
      eventually(() => t.send(POPULATION_RESIDENTS_REGISTER, { actor, resident: dto })),
    ).resolves.toMatchObject({
      nik: dto.nik,
      status: ResidentStatus.Hidup,
    });
  });
});
