import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  APP_LOGGER,
  fastifyAdapterOptions,
  PinoNestLogger,
  stopGracefullyOnSignals,
} from '@terpadu/observability';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { setupApp } from './app.setup';
import { loadEnv } from './config/env';

async function bootstrap(): Promise<void> {
  const env = loadEnv(process.env);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(env),
    new FastifyAdapter({ ...fastifyAdapterOptions(), trustProxy: env.TRUST_PROXY }),
    { bufferLogs: true },
  );
  const logger = app.get<Logger>(APP_LOGGER);
  app.useLogger(app.get(PinoNestLogger));
  await setupApp(app, env);
  stopGracefullyOnSignals(app, logger);
  await app.listen({ port: env.HTTP_PORT, host: env.HOST });
}

bootstrap().catch((error: unknown) => {
  // Boot errors name variables, never values (see loadEnv); print the message only.
  process.stderr.write(
    `gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
