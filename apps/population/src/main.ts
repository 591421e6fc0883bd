import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { validateEnv } from '@terpadu/config';
import {
  APP_LOGGER,
  fastifyAdapterOptions,
  PinoNestLogger,
  stopGracefullyOnSignals,
} from '@terpadu/observability';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { setupApp } from './app.setup';
import { Env } from './config/env';

async function bootstrap(): Promise<void> {
  const env = validateEnv(Env, process.env);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(env),
    new FastifyAdapter(fastifyAdapterOptions()),
    {
      bufferLogs: true,
    },
  );
  const logger = app.get<Logger>(APP_LOGGER);
  app.useLogger(app.get(PinoNestLogger));
  setupApp(app, env);
  stopGracefullyOnSignals(app, logger);
  await app.startAllMicroservices();
  await app.listen({ port: env.HTTP_PORT, host: '0.0.0.0' });
}

bootstrap().catch((error: unknown) => {
  // Boot errors name variables, never values (validateEnv); print the message only.
  process.stderr.write(
    `population failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
