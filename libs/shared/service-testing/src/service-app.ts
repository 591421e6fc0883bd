import type { DynamicModule } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Clock } from '@terpadu/clock';
import type { RpcRequest, RpcResponse, RpcSubject, ServiceErrorBody } from '@terpadu/contracts';
import { RpcClient, ServiceCallError } from '@terpadu/messaging';
import { connectServiceRpc, type ServiceDefinition, type ServiceEnv } from '@terpadu/service-kit';
import { DataSource } from 'typeorm';
import { TestClock } from '@terpadu/testing';

export interface ServiceTestApp {
  app: NestFastifyApplication;
  clock: TestClock;
  dataSource: DataSource;
  rpc: RpcClient;
  send<S extends RpcSubject>(subject: S, request: RpcRequest<S>): Promise<RpcResponse<S>>;
  /** Sends an RPC over real NATS and resolves with the service's error body (fails if it succeeded). */
  rpcError<S extends RpcSubject>(subject: S, request: RpcRequest<S>): Promise<ServiceErrorBody>;
  /** Closes the RPC client and the app (its consumers, relay, NATS connection and pool). */
  close(): Promise<void>;
}

export interface ServiceTestAppOptions<E extends ServiceEnv> {
  service: ServiceDefinition<E>;
  module: (env: E) => DynamicModule;
  /** The suite's database of this service, migrated. */
  databaseUrl: string;
  natsUrl: string;
  /** The app's own variables (the kit's come from the options above). */
  env?: Partial<E>;
  /** Shared between instances for "a restart with the same clock"; a new TestClock otherwise. */
  clock?: TestClock;
  /** Providers to replace, as `[token, value]`. */
  overrides?: Array<[unknown, unknown]>;
}

/**
 * One instance of a service in this process, built from its AppModule as main.ts builds it, its
 * Clock a TestClock, against the suite's database and NATS; requests travel over real NATS through
 * the RpcClient the gateway uses. Start two for two replicas: each has its own pool, relay,
 * consumers and RPC subscription.
 */
export async function startServiceTestApp<E extends ServiceEnv>(
  o: ServiceTestAppOptions<E>,
): Promise<ServiceTestApp> {
  const env = Object.assign(new o.service.Env(), {
    DATABASE_URL: o.databaseUrl,
    NATS_URL: o.natsUrl,
    HTTP_PORT: 0,
    LOG_LEVEL: 'error' as const,
    TIME_ZONE: 'Asia/Jakarta',
    ...o.env,
  });
  const clock = o.clock ?? new TestClock();
  let builder = Test.createTestingModule({ imports: [o.module(env)] })
    .overrideProvider(Clock)
    .useValue(clock);
  for (const [token, value] of o.overrides ?? []) builder = builder.overrideProvider(token).useValue(value);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: ['error'],
  });
  connectServiceRpc(app, o.service, env);
  await app.startAllMicroservices();
  await app.init();

  const name = `${o.service.name}-spec`;
  const proxy = ClientProxyFactory.create({
    transport: Transport.NATS,
    options: { servers: [o.natsUrl], name },
  });
  await proxy.connect();
  const rpc = new RpcClient({ servers: o.natsUrl, name, defaultTimeoutMs: 15_000 }, proxy);
  const send = <S extends RpcSubject>(subject: S, request: RpcRequest<S>) => rpc.send(subject, request);
  return {
    app,
    clock,
    dataSource: app.get(DataSource),
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
    },
  };
}
