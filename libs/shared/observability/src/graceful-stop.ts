import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';

/**
 * On SIGTERM or SIGINT: stop taking connections, let in-flight work finish, run the shutdown hooks
 * (consumers stop, the outbox relay stops, NATS drains, database pools close), then exit 0, or 1 if
 * the stop failed. Unlike Nest's enableShutdownHooks it does not re-raise the signal, so
 * orchestrators and launchers see a clean exit.
 */
export function stopGracefullyOnSignals(app: INestApplication, logger: Logger): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
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
          const err = error instanceof Error ? { name: error.name, message: error.message } : String(error);
          logger.error({ err }, 'unclean stop');
          process.exit(1);
        },
      );
    });
  }
}
