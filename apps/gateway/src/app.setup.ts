import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Env } from './config/env';
import { createOpenApiDocument } from './openapi/openapi-document';

/**
 * Everything `main.ts` and the specs both apply to the application before it listens: security
 * headers, CORS, the OpenAPI document (`/openapi.json`) with Swagger UI (`/docs`).
 * Validation, errors, rate limit and authentication are providers of AppModule.
 */
export async function setupApp(app: NestFastifyApplication, env: Env): Promise<void> {
  await app.register(helmet, {
    // An API answers JSON; the only HTML is Swagger UI, which loads its own scripts and styles and
    // uses inline styles and data: images.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // The gateway may be reached over plain HTTP inside a cluster or on a laptop; upgrading
        // the docs page's own assets to HTTPS there would break it. TLS is the ingress's job.
        upgradeInsecureRequests: null,
      },
    },
  });
  // A resident import is the CSV file itself; only this parser lifts the 1 MB body limit.
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(
      ['text/csv', 'application/csv'],
      { parseAs: 'buffer', bodyLimit: env.IMPORT_MAX_BYTES },
      (_request: FastifyRequest, body: Buffer, done: (error: Error | null, body?: Buffer) => void) =>
        done(null, body),
    );
  if (env.CORS_ORIGINS && env.CORS_ORIGINS.length > 0) {
    app.enableCors({
      origin: env.CORS_ORIGINS,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    });
  }
  const document = createOpenApiDocument(app);
  // The JSON document only; the UI at /docs is DocsController.
  SwaggerModule.setup('docs', app, document, {
    ui: false,
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    // "Try it out" calls the host that served the page, wherever the gateway runs.
    patchDocumentOnRequest: <TRequest>(raw: TRequest, _reply: unknown, doc: OpenAPIObject) => {
      const request = raw as unknown as FastifyRequest;
      return {
        ...doc,
        servers: [{ url: `${request.protocol}://${request.host}`, description: 'This gateway' }],
      };
    },
  });
}
