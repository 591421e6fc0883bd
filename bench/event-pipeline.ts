/**
 * Event pipeline: events committed through OutboxService (the outbox relay publishes them to
 * JetStream) until a durable consumer's handler has run them through its inbox transaction.
 * Prints the sustained rate and the commit-to-handled latency (p50/p99). One process runs the
 * producer and the consumer service; PostgreSQL and NATS are throwaway servers from @terpadu/testing.
 *   npm run bench:events      (BENCH_EVENTS=20000 BENCH_BATCH=100 BENCH_WRITERS=4 to change)
 */
import { performance } from 'node:perf_hooks';
import { Injectable, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  type CloudEvent,
  RESIDENT_REGISTERED_V1,
  type ResidentRegisteredV1,
  ResidentStatus,
  Sex,
} from '@terpadu/contracts';
import { createDataSourceOptions, MESSAGING_MIGRATIONS } from '@terpadu/database';
import { ClockModule } from '@terpadu/clock';
import { EventConsumer, MessagingModule, OnEvent, OutboxService } from '@terpadu/messaging';
import { startNats, startPostgres } from '@terpadu/testing';
import { DataSource } from 'typeorm';
import { percentile } from './lib';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 4);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 15);

/** performance.now() when each event's transaction committed, and when its handler ran. */
const committedAt = new Map<string, number>();
const handledAt = new Map<string, number>();
let expected = 0;
let allHandled: () => void = () => undefined;

function waitForHandled(count: number): Promise<void> {
  expected = count;
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 120_000);
    allHandled = () => {
      clearTimeout(timer);
      resolve();
    };
    if (handledAt.size >= expected) allHandled();
  });
}

@Injectable()
@EventConsumer('counting-projection')
class CountingProjection {
  @OnEvent(RESIDENT_REGISTERED_V1)
  async onRegistered(event: CloudEvent<ResidentRegisteredV1>): Promise<void> {
    handledAt.set(event.id, performance.now());
    if (handledAt.size === expected) allHandled();
    return Promise.resolve();
  }
}

@Module({})
class BenchServiceModule {
  static forRoot(o: {
    url: string;
    service: string;
    natsUrl: string;
    relay: boolean;
    consumer: boolean;
  }): DynamicModule {
    return {
      module: BenchServiceModule,
      imports: [
        ClockModule.forRoot('UTC'),
        TypeOrmModule.forRoot(
          createDataSourceOptions({ url: o.url, entities: [], migrations: [], poolSize: 10 }),
        ),
        MessagingModule.forRoot({
          service: o.service,
          natsUrl: o.natsUrl,
          relay: o.relay,
          relayBatchSize: 500,
        }),
      ],
      providers: o.consumer ? [CountingProjection] : [],
    };
  }
}

function payload(i: number): ResidentRegisteredV1 {
  return {
    residentId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    nik: '3171011708450001',
    fullName: 'Warga Bench',
    birthDate: '1945-08-17',
    sex: Sex.Male,
    villageCode: '3171010001',
    status: ResidentStatus.Hidup,
    familyCardNumber: null,
    registeredAt: '2026-01-01T00:00:00.000Z',
  };
}

async function main(): Promise<void> {
  const pg = await startPostgres();
  const nats = await startNats();
  const apps: INestApplicationContext[] = [];
  try {
    const producerUrl = await pg.createDatabase('bench_population');
    const consumerUrl = await pg.createDatabase('bench_projection');
    for (const url of [producerUrl, consumerUrl]) {
      const ds = new DataSource(
        createDataSourceOptions({ url, entities: [], migrations: MESSAGING_MIGRATIONS }),
      );
      await ds.initialize();
      await ds.runMigrations();
      await ds.destroy();
    }
    const logger = ['error' as const];
    const producer = await NestFactory.createApplicationContext(
      BenchServiceModule.forRoot({
        url: producerUrl,
        service: 'population',
        natsUrl: nats.url,
        relay: true,
        consumer: false,
      }),
      { logger },
    );
    apps.push(producer);
    const consumer = await NestFactory.createApplicationContext(
      BenchServiceModule.forRoot({
        url: consumerUrl,
        service: 'bench',
        natsUrl: nats.url,
        relay: false,
        consumer: true,
      }),
      { logger },
    );
    apps.push(consumer);
    const outbox = producer.get(OutboxService);
    const db = producer.get(DataSource);
    const commit = async (from: number, to: number) => {
      const ids = await db.transaction(async (m) => {
        const batch: string[] = [];
        for (let i = from; i < to; i++) {
          batch.push(
            await outbox.add(m, RESIDENT_REGISTERED_V1, payload(i), { entityId: payload(i).residentId }),
          );
        }
        return batch;
      });
      const now = performance.now();
      for (const id of ids) committedAt.set(id, now);
    };
    const latencies = () => [...handledAt].map(([id, at]) => at - (committedAt.get(id) ?? NaN));
    const ms = (value: number) => `${value.toFixed(1)} ms`;

    // Phase 1, throughput: commit everything as fast as the writers can, count until the last one is handled.
    console.log(
      `event pipeline, phase 1: ${EVENTS} events, ${WRITERS} writers, ${BATCH} events per transaction`,
    );
    const phase1 = waitForHandled(EVENTS);
    const started = performance.now();
    let next = 0;
    const writer = async () => {
      while (next < EVENTS) {
        const from = next;
        const to = Math.min(EVENTS, from + BATCH);
        next = to;
        await commit(from, to);
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    const committed = performance.now();
    await phase1;
    const finished = performance.now();
    if (handledAt.size !== EVENTS)
      throw new Error(`only ${handledAt.size} of ${EVENTS} events handled within 120 s`);
    const rate = EVENTS / ((finished - started) / 1000);
    const backlog = latencies();
    console.log(
      `  committed ${EVENTS} in ${((committed - started) / 1000).toFixed(1)} s (${Math.round(EVENTS / ((committed - started) / 1000))} events/s)`,
    );
    console.log(
      `  sustained ${Math.round(rate)} events/s from first commit to last handled (${((finished - started) / 1000).toFixed(1)} s)`,
    );
    console.log(
      `  commit -> handled with that backlog: p50 ${ms(percentile(backlog, 50))}, p99 ${ms(percentile(backlog, 99))}`,
    );

    // Phase 2, latency: a steady load at half the sustained rate, 10 events per transaction.
    committedAt.clear();
    handledAt.clear();
    const pacedRate = Math.max(10, Math.round(rate / 2 / 10) * 10);
    const total = pacedRate * PACED_SECONDS;
    console.log(
      `event pipeline, phase 2: ${pacedRate} events/s for ${PACED_SECONDS} s, 10 events per transaction`,
    );
    const phase2 = waitForHandled(total);
    const begin = performance.now();
    for (let sent = 0; sent < total; sent += 10) {
      const due = begin + (sent / pacedRate) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await commit(EVENTS + sent, EVENTS + Math.min(total, sent + 10));
    }
    await phase2;
    if (handledAt.size !== total)
      throw new Error(`only ${handledAt.size} of ${total} paced events handled within 120 s`);
    const steady = latencies();
    console.log(`  commit -> handled: p50 ${ms(percentile(steady, 50))}, p99 ${ms(percentile(steady, 99))}`);
  } finally {
    for (const app of apps.reverse()) await app.close();
    await nats.destroy();
    await pg.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
