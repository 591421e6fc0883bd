import type { INestMicroservice } from '@nestjs/common';
import { NestMicroservice, type NatsOptions, Transport } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createRpcValidationPipe, RpcErrorFilter } from '@terpadu/messaging';
import type { Env } from './config/env';

/** Queue group of the RPC subscriptions: replicas share requests, each request is answered once. */
export const RPC_QUEUE = 'population';

/**
 * What `main.ts` and the integration specs both apply: the NATS microservice that answers
 * `rpc.population.*` (validation and typed errors), and shutdown hooks that drain it.
 */
export function setupApp(app: NestFastifyApplication, env: Pick<Env, 'NATS_URL'>): INestMicroservice {
  app.enableShutdownHooks();
  // NestJS 12 binds a connected microservice's handlers at once, with the global enhancers it has
  // then, unless initialization is deferred to listen(). Deferred, the filter and pipe below reach
  // every handler; the app runs the lifecycle hooks, so the microservice must not run them again.
  const rpc = app.connectMicroservice<NatsOptions>(
    {
      transport: Transport.NATS,
      options: {
        servers: env.NATS_URL.split(','),
        queue: RPC_QUEUE,
        name: 'population-rpc',
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
      },
    },
    { deferInitialization: true },
  );
  if (!(rpc instanceof NestMicroservice))
    throw new Error('connectMicroservice did not return a NestMicroservice');
  rpc.setIsInitHookCalled(true);
  rpc.useGlobalFilters(new RpcErrorFilter());
  rpc.useGlobalPipes(createRpcValidationPipe());
  return rpc;
}
