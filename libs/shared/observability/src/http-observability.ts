import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import type { MetricsRegistry } from './metrics';
import { acceptableRequestId, redactUrl, traceIdOf } from './redact';

/** Options for `new FastifyAdapter(...)`: request ids from a sane `x-request-id` or a new UUID. */
export function fastifyAdapterOptions(): {
  genReqId: (req: { headers: IncomingHttpHeaders }) => string;
  logger: false;
} {
  return {
    genReqId: (req) => acceptableRequestId(req.headers['x-request-id']) ?? randomUUID(),
    logger: false,
  };
}

const QUIET = /^\/(health|metrics)(\/|$)/;

/**
 * Adds to a Fastify instance: the `x-request-id` response header, one JSON access-log line per
 * request (redacted URL, no query string, no body, no headers), and the request-duration metric by
 * route template. Call before `app.listen`.
 */
export function installHttpObservability(
  fastify: FastifyInstance,
  logger: Logger,
  metrics: MetricsRegistry,
): void {
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request: FastifyRequest, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    if (QUIET.test(request.url)) return;
    logger.info(
      {
        reqId: request.id,
        traceId: traceIdOf(request.headers.traceparent),
        method: request.method,
        url: redactUrl(request.url),
        route,
        statusCode: reply.statusCode,
        responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
  });
}
