import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { RpcRequest, RpcResponse, RpcSubject, ServiceErrorBody } from '@terpadu/contracts';
import { RpcClient, ServiceCallError } from '@terpadu/messaging';
import { startNats, startPostgres, type TestNats, type TestPostgres } from '@terpadu/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { setupApp } from '../src/app.setup';
import { Clock } from '@terpadu/clock';
import { Env } from '../src/config/env';
import { migrate } from '../src/database/migrator';
import { PopulationProducer } from './population-producer';
import { TestClock } from './test-clock';

/** PostgreSQL, NATS, the health database (migrated) and a population event producer for a suite. */
export interface HealthInfra {
  postgres: TestPostgres;
  nats: TestNats;
  databaseUrl: string;
  population: PopulationProducer;
  stop(): Promise<void>;
}

export async function startInfra(): Promise<HealthInfra> {
  const postgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase('health');
  await migrate(databaseUrl);
  const nats = await startNats();
  const population = await PopulationProducer.start(postgres, nats.url);
  return {
    postgres,
    nats,
    databaseUrl,
    population,
    async stop() {
      await population.stop();
      await nats.destroy();
      await postgres.stop();
    },
  };
}

export interface HealthTestApp {
  app: NestFastifyApplication;
  clock: TestClock;
  dataSource: DataSource;
  send<S extends RpcSubject>(subject: S, request: RpcRequest<S>): Promise<RpcResponse<S>>;
  /** Sends an RPC over real NATS and resolves with the service's error body (fails if it succeeded). */
  rpcError<S extends RpcSubject>(subject: S, request: RpcRequest<S>): Promise<ServiceErrorBody>;
  close(): Promise<void>;
}

/**
 * One health service instance in this process against the suite's database and NATS, its clock a
 * TestClock and its overdue scan off (specs call OverdueScanService.scan). Start two for two
 * replicas: each has its own connection pool, relay, consumers and RPC subscription.
 */
export async function startHealthApp(infra: HealthInfra): Promise<HealthTestApp> {
  const env = Object.assign(new Env(), {
    DATABASE_URL: infra.databaseUrl,
    NATS_URL: infra.nats.url,
    HTTP_PORT: 0,
    LOG_LEVEL: 'error' as const,
    HEALTH_TIME_ZONE: 'Asia/Jakarta',
    OVERDUE_SCAN_INTERVAL_MS: 0,
  });
  const clock = new TestClock();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(env)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: ['error'],
  });
  setupApp(app, env);
  await app.startAllMicroservices();
  await app.init();

  const proxy = ClientProxyFactory.create({
    transport: Transport.NATS,
    options: { servers: [infra.nats.url], name: 'health-spec' },
  });
  await proxy.connect();
  const rpc = new RpcClient(
    { servers: infra.nats.url, name: 'health-spec', defaultTimeoutMs: 15_000 },
    proxy,
  );
  const send = <S extends RpcSubject>(subject: S, request: RpcRequest<S>) => rpc.send(subject, request);
  return {
    app,
    clock,
    dataSource: app.get(DataSource),
    send,
    async rpcError(subject, request) {
      try {
        await send(subject, request);
      } catch (error) {
        if (error instanceof ServiceCallError) return error.body;
        throw error;
      }
      throw new Error(`${subject} succeeded where an error was expected`);
    },
    async close() {
      await proxy.close();
      await app.close();
    },
  };
}
