import type { INestMicroservice } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connectRpcServer } from '@terpadu/messaging';
import type { Env } from './config/env';

/** Queue group of the RPC subscriptions: replicas share requests, each request is answered once. */
export const RPC_QUEUE = 'health';

/** What `main.ts` and the integration specs both apply: the NATS server answering `rpc.health.*`. */
export function setupApp(app: NestFastifyApplication, env: Pick<Env, 'NATS_URL'>): INestMicroservice {
  return connectRpcServer(app, { service: RPC_QUEUE, natsUrl: env.NATS_URL });
}
