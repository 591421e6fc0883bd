import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  type CloudEvent,
  POPULATION_RESIDENTS_REGISTER,
  POPULATION_RESIDENTS_UPDATE,
  RESIDENT_REGISTERED_V1,
  RESIDENT_UPDATED_V1,
  type ResidentRegisteredV1,
  ResidentStatus,
  Sex,
  STREAMS,
} from '@terpadu/contracts';
import { nodeBinary } from '@terpadu/testing';
import { ResidentsService } from '../src/residents/residents.service';
import { registrar, residentDto, VILLAGE_A } from './builders';
import { eventually } from './eventually';
import { PopulationStream } from './jetstream';
import { type PopulationTestApp, startPopulationApp } from './population-app';

interface ConsumedLine {
  msgId: string | undefined;
  event: CloudEvent<ResidentRegisteredV1>;
}

/** A consumer of the population stream running as its own Node process (test/fixtures/event-consumer.mjs). */
class ConsumerProcess {
  private readonly lines: string[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly child: ChildProcess;
  private stderr = '';

  constructor(natsUrl: string, durable: string, subject: string) {
    this.child = spawn(
      nodeBinary(),
      [join(__dirname, 'fixtures', 'event-consumer.mjs'), natsUrl, durable, subject],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      this.lines.push(line);
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async waitForLine(predicate: (line: string) => boolean, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `consumer process printed nothing matching within ${timeoutMs} ms; stderr: ${this.stderr}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  events(): ConsumedLine[] {
    return this.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as ConsumedLine);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

describe('population events (outbox to JetStream)', () => {
  let t: PopulationTestApp;
  let stream: PopulationStream;
  const actor = registrar();

  beforeAll(async () => {
    t = await startPopulationApp();
    stream = await PopulationStream.connect(t.nats.url);
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

  it('keeps a registration made while NATS is down, and delivers its event to a consumer process once NATS is back', async () => {
    await t.nats.stop();
    let consumer: ConsumerProcess | undefined;
    try {
      // RPC needs NATS, so the registration is made in-process: the service itself must not need NATS.
      const residents = t.app.get(ResidentsService);
      const view = await residents.register(actor, residentDto({ fullName: 'Saat NATS Mati' }));
      const [row] = await t.dataSource.query<{ id: string; sent_at: Date | null }[]>(
        `SELECT id, sent_at FROM outbox WHERE envelope->>'subject' = $1`,
        [view.id],
      );
      expect(row.sent_at).toBeNull();
      await expect(
        t.dataSource.query(`SELECT 1 FROM residents WHERE id = $1`, [view.id]),
      ).resolves.toHaveLength(1);

      await t.nats.start();
      consumer = new ConsumerProcess(t.nats.url, 'durability-spec', RESIDENT_REGISTERED_V1);
      expect(consumer.pid).toEqual(expect.any(Number));
      const line = await consumer.waitForLine((l) => l.includes(view.id), 30_000);
      const consumed = JSON.parse(line) as ConsumedLine;
      expect(consumed.msgId).toBe(row.id);
      expect(consumed.event).toMatchObject({ id: row.id, type: RESIDENT_REGISTERED_V1, subject: view.id });
      expect(consumed.event.data).toMatchObject({
        residentId: view.id,
        nik: view.nik,
        fullName: 'Saat NATS Mati',
      });
      // Published once: JetStream deduplicates on Nats-Msg-Id even if the relay retried.
      expect(consumer.events().filter((e) => e.event.id === row.id)).toHaveLength(1);
      await expectMarkedSent(row.id);
    } finally {
      await consumer?.stop();
      await t.nats.start();
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
