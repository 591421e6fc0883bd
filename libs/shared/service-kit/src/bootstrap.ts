import 'reflect-metadata';
import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { validateEnv } from '@terpadu/config';
import { serviceEntry } from '@terpadu/contracts';
import { connectRpcServer } from '@terpadu/messaging';
import {
  APP_LOGGER,
  fastifyAdapterOptions,
  PinoNestLogger,
  stopGracefullyOnSignals,
} from '@terpadu/observability';
import type { Logger } from 'pino';
import type { ServiceDefinition } from './service-definition';
import type { ServiceEnv } from './service-env';

/** The service's Env from `raw` (process.env), with HTTP_PORT defaulting to its registry port. */
export function loadServiceEnv<E extends ServiceEnv>(
  service: ServiceDefinition<E>,
  raw: Record<string, unknown> = process.env,
): E {
  return validateEnv(service.Env, { HTTP_PORT: serviceEntry(service.name).httpPort, ...raw });
}

/**
 * The NATS request/reply server of a service on its Nest app: `rpc.<name>.*` answered in the queue
 * group `<name>` (replicas share requests). What main.ts and the specs' test apps both apply.
 */
export function connectServiceRpc(
  app: NestFastifyApplication,
  service: Pick<ServiceDefinition, 'name'>,
  env: Pick<ServiceEnv, 'NATS_URL'>,
): INestMicroservice {
  return connectRpcServer(app, { service: service.name, natsUrl: env.NATS_URL });
}

/**
 * A service's whole main.ts: validated Env, the Nest app on Fastify with the JSON logger, its RPC
 * server, graceful stop on SIGTERM/SIGINT (consumers, relay, NATS drain, pools), HTTP for probes and
 * metrics. A boot error prints its message only (variables are named, values never) and exits 1.
 */
export function bootstrapService<E extends ServiceEnv>(
  service: ServiceDefinition<E>,
  appModule: (env: E) => DynamicModule,
): void {
  const start = async () => {
    const env = loadServiceEnv(service);
    const app = await NestFactory.create<NestFastifyApplication>(
      appModule(env),
      new FastifyAdapter(fastifyAdapterOptions()),
      { bufferLogs: true },
    );
    const logger = app.get<Logger>(APP_LOGGER);
    app.useLogger(app.get(PinoNestLogger));
    connectServiceRpc(app, service, env);
    stopGracefullyOnSignals(app, logger);
    await app.startAllMicroservices();
    await app.listen({ port: env.HTTP_PORT, host: '0.0.0.0' });
  };
  start().catch((error: unknown) => {
    process.stderr.write(
      `${service.name} failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
