import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { APP_LOGGER, fastifyAdapterOptions, PinoNestLogger } from '@terpadu/observability';
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
  app.useLogger(new PinoNestLogger(logger));
  await setupApp(app, env);
  stopGracefullyOn(['SIGTERM', 'SIGINT'], app, logger);
  await app.listen({ port: env.PORT, host: env.HOST });
}

/**
 * On a stop signal: stop accepting connections, let in-flight requests finish, run the shutdown
 * hooks (RpcClient drains and closes NATS), then exit 0. Like Nest's enableShutdownHooks, except
 * that it exits with 0 instead of re-raising the signal, so launchers see a clean stop.
 */
function stopGracefullyOn(signals: NodeJS.Signals[], app: NestFastifyApplication, logger: Logger): void {
  let stopping = false;
  for (const signal of signals) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      app.close().then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error(
            { err: error instanceof Error ? { name: error.name, message: error.message } : String(error) },
            'unclean stop',
          );
          process.exit(1);
        },
      );
    });
  }
}

bootstrap().catch((error: unknown) => {
  // Boot errors name variables, never values (see loadEnv); print the message only.
  process.stderr.write(
    `gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
