import { randomUUID } from 'node:crypto';
import {
  Global,
  type INestApplicationContext,
  type INestMicroservice,
  Module,
  type Type,
} from '@nestjs/common';
import { Transport } from '@nestjs/microservices';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { Clock, ClockModule } from '@terpadu/clock';
import { TestClock } from '@terpadu/testing';
import { type ResidentRegisteredV1, ResidentStatus, Sex } from '@terpadu/contracts';
import { createDataSourceOptions, MESSAGING_MIGRATIONS } from '@terpadu/database';
import { DataSource } from 'typeorm';
import { MessagingModule, type MessagingOptions, RpcErrorFilter } from '../src';

/** The table test handlers write their effect into (no unique key: a second effect would show). */
export const EFFECTS_TABLE = `CREATE TABLE effects (
  seq bigserial PRIMARY KEY,
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  trace_id text,
  pid int NOT NULL DEFAULT pg_backend_pid()
)`;

/** Runs the messaging migration and creates the effects table in a fresh database. */
export async function migrate(url: string): Promise<void> {
  const dataSource = new DataSource(
    createDataSourceOptions({ url, entities: [], migrations: MESSAGING_MIGRATIONS }),
  );
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    await dataSource.query(EFFECTS_TABLE);
  } finally {
    await dataSource.destroy();
  }
}

/** The services' clock in these specs (the testing lib's): stands still unless a spec moves it. */
export { TestClock };

export interface ServiceOptions {
  databaseUrl: string;
  messaging: MessagingOptions;
  /** The app's Clock (as ClockModule provides it in the apps); a new TestClock by default. */
  clock?: Clock;
  providers?: Type[];
  /** Also serve the service's NATS microservice (dead-letter RPC), with RpcErrorFilter. */
  microservice?: boolean;
}

/** A service as the apps build one: ClockModule + TypeORM + MessagingModule (+ the NATS microservice). */
export async function startService(o: ServiceOptions): Promise<INestApplicationContext | INestMicroservice> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ClockModule.forRoot('UTC'),
      TypeOrmModule.forRoot(
        createDataSourceOptions({ url: o.databaseUrl, entities: [], migrations: [], poolSize: 5 }),
      ),
      MessagingModule.forRoot(o.messaging),
    ],
    providers: o.providers ?? [],
  })
    .overrideProvider(Clock)
    .useValue(o.clock ?? new TestClock())
    .compile();
  if (o.microservice) {
    const app = moduleRef.createNestMicroservice({
      transport: Transport.NATS,
      options: { servers: [o.messaging.natsUrl], queue: o.messaging.service },
    });
    app.useGlobalFilters(new RpcErrorFilter());
    await app.listen();
    return app;
  }
  await moduleRef.init();
  return moduleRef;
}

/** A DataSource that is never opened, for specs of what MessagingModule refuses at boot. */
@Global()
@Module({ providers: [{ provide: DataSource, useValue: {} }], exports: [DataSource] })
class UnopenedDatabase {}

/**
 * Compiles MessagingModule (not started) with a stand-in DataSource, and the app's Clock unless
 * `clock` is null: boot refusals stop at the options, before any connection is made.
 */
export function compileMessaging(
  messaging: MessagingOptions,
  clock: Clock | null = new TestClock(),
): Promise<TestingModule> {
  const builder = Test.createTestingModule({
    imports: [
      UnopenedDatabase,
      ...(clock ? [ClockModule.forRoot('UTC')] : []),
      MessagingModule.forRoot(messaging),
    ],
  });
  return (clock ? builder.overrideProvider(Clock).useValue(clock) : builder).compile();
}

export async function natsAdmin(url: string): Promise<{ nc: NatsConnection; jsm: JetStreamManager }> {
  const nc = (await connect({ servers: url })) as NatsConnection;
  return { nc, jsm: await jetstreamManager(nc) };
}

export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
  );
}

export function traceId(traceparent: string): string {
  return traceparent.split('-')[1];
}

/** A payload for RESIDENT_REGISTERED_V1 (made-up person). */
export function registered(residentId = randomUUID()): ResidentRegisteredV1 {
  return {
    residentId,
    nik: '3171011708450001',
    fullName: 'Test Person',
    birthDate: '1945-08-17',
    sex: Sex.Male,
    villageCode: '3171010001',
    status: ResidentStatus.Hidup,
    familyCardNumber: null,
    registeredAt: '2026-01-01T00:00:00.000Z',
  };
}
