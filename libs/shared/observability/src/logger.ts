import { RequestMethod } from '@nestjs/common';
import { Logger as NestPinoLogger, type Params } from 'nestjs-pino';
import pino, { type Logger } from 'pino';
import { redactUrl, traceIdOf } from './redact';

export type LogLevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** The app's JSON logger (one line per event, `service` on every line); stdout unless `destination`. */
export function createLogger(
  service: string,
  level: LogLevelName = 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Belt and braces: these keys never reach a log line even if some code passes them.
    redact: {
      paths: ['nik', '*.nik', 'fullName', '*.fullName', 'name', 'headers.authorization'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Nest's logger interface (nestjs-pino) on top of the app's logger, so framework and `new Logger(...)`
 * messages are JSON lines too: `app.useLogger(app.get(PinoNestLogger))`.
 */
export { NestPinoLogger as PinoNestLogger };

/**
 * nestjs-pino's options: its pino-http middleware logs through the app's logger (same `service`,
 * same redaction) and binds the request's `reqId` (Fastify's id: a sane `x-request-id` or a UUID),
 * its `traceId` and its method and redacted URL to every line logged while the request is handled.
 * The access line itself is written by the Fastify hook (installHttpObservability), which knows the
 * route template, so pino-http's own request logging is off.
 *
 * nestjs-pino keeps one such middleware per process: the first app created in a process sets it.
 * Its default route pattern (`{/*splat}`) matches no request on @nestjs/platform-fastify 12.5, so
 * the routes are given (observability.module.spec.ts fails without them).
 */
export function requestContextOptions(logger: Logger): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      logger,
      autoLogging: false,
      customProps: (req) => ({ reqId: req.id, traceId: traceIdOf(req.headers.traceparent) }),
      serializers: {
        req: (req: { method?: string; url?: string }) => ({ method: req.method, url: redactUrl(req.url) }),
      },
    },
  };
}
