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
import { TestClock } from './test-clock';

export interface PopulationTestApp {
  app: NestFastifyApplication;
  clock: TestClock;
  dataSource: DataSource;
  databaseUrl: string;
  nats: TestNats;
  postgres: TestPostgres;
  rpc: RpcClient;
  /** Sends an RPC over real NATS and resolves with the service's error body (fails if it succeeded). */
  rpcError<S extends RpcSubject>(subject: S, request: RpcRequest<S>): Promise<ServiceErrorBody>;
  send<S extends RpcSubject>(subject: S, request: RpcRequest<S>): Promise<RpcResponse<S>>;
  close(): Promise<void>;
}

/**
 * The population service in this process, against a fresh database (migrated once) and a throwaway
 * NATS with JetStream; requests travel over real NATS through the same RpcClient the gateway uses.
 */
export async function startPopulationApp(envOverrides: Partial<Env> = {}): Promise<PopulationTestApp> {
  const postgres: TestPostgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase('population');
  await migrate(databaseUrl);
  const nats = await startNats();

  const env = Object.assign(new Env(), {
    DATABASE_URL: databaseUrl,
    NATS_URL: nats.url,
    HTTP_PORT: 0,
    LOG_LEVEL: 'error' as const,
    REGISTRY_TIME_ZONE: 'Asia/Jakarta',
    ...envOverrides,
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
    options: { servers: [nats.url], name: 'population-spec' },
  });
  await proxy.connect();
  const rpc = new RpcClient({ servers: nats.url, name: 'population-spec', defaultTimeoutMs: 15_000 }, proxy);

  const send = <S extends RpcSubject>(subject: S, request: RpcRequest<S>) => rpc.send(subject, request);
  return {
    app,
    clock,
    dataSource: app.get(DataSource),
    databaseUrl,
    nats,
    postgres,
    rpc,
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
      await nats.destroy();
      await postgres.stop();
    },
  };
}
