import type { INestApplication, INestMicroservice } from '@nestjs/common';
import { NestMicroservice, type NatsOptions, Transport } from '@nestjs/microservices';
import { createValidationPipe } from '@terpadu/contracts';
import { RpcErrorFilter } from './rpc-error.filter';

/**
 * Connects a service's NATS request/reply server to its Nest app: `@MessagePattern` handlers answer
 * in the queue group `service` (replicas share requests, each request is answered once), payloads
 * are validated, and errors reach the caller as ServiceErrorBody. Start it with
 * `app.startAllMicroservices()`.
 */
export function connectRpcServer(
  app: INestApplication,
  options: { service: string; natsUrl: string },
): INestMicroservice {
  // NestJS 12 binds a connected microservice's handlers at once, with the global enhancers it has
  // then, unless initialization is deferred to listen(). Deferred, the filter and pipe below reach
  // every handler; the app runs the lifecycle hooks, so the microservice must not run them again.
  const rpc = app.connectMicroservice<NatsOptions>(
    {
      transport: Transport.NATS,
      options: {
        servers: options.natsUrl.split(','),
        queue: options.service,
        name: `${options.service}-rpc`,
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
  rpc.useGlobalPipes(createValidationPipe());
  return rpc;
}
