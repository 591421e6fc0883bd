import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Clock } from '@terpadu/clock';
import { ErrorCode, type RpcSubject } from '@terpadu/contracts';
import { RpcClient, type SendOptions, ServiceCallError } from '@terpadu/messaging';
import { APP_LOGGER, fastifyAdapterOptions } from '@terpadu/observability';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse, RouteOptions } from 'fastify';
import { type CryptoKey, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import type { KeyObject } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { AppModule } from '../src/app.module';
import { setupApp } from '../src/app.setup';
import { loadEnv } from '../src/config/env';

/** The fixed "now" of every spec: tokens and rate-limit buckets are computed from it, never the wall clock. */
export const NOW = new Date('2026-03-02T08:00:00.000Z');
export const ISSUER = 'https://id.spec.terpadu.test/realms/terpadu';
export const AUDIENCE = 'terpadu-api';

export interface RpcCall {
  subject: string;
  request: Record<string, unknown>;
}

/** The gateway's Clock in specs: reads `read()` on every `now()`, so a spec moves time by hand. */
export class SpecClock extends Clock {
  constructor(private readonly read: () => Date = () => NOW) {
    super('UTC');
  }

  now(): Date {
    return new Date(this.read());
  }
}

type Handler = (request: Record<string, unknown>) => unknown;

/**
 * Stands in for the services: answers each subject with a configured handler (a value, or a thrown
 * ServiceCallError as RpcClient would reject with) and records every call.
 */
export class FakeRpcClient {
  readonly calls: RpcCall[] = [];
  /** The deadline each call was given (`timeoutMs`), in the order of `calls`. */
  readonly timeouts: { subject: string; timeoutMs: number | undefined }[] = [];
  private readonly handlers = new Map<string, Handler>();

  answer(subject: string, handler: Handler): void {
    this.handlers.set(subject, handler);
  }

  reset(): void {
    this.calls.length = 0;
    this.timeouts.length = 0;
    this.handlers.clear();
  }

  send<S extends RpcSubject>(subject: S, request: unknown, o?: SendOptions): Promise<unknown> {
    return this.sendUntyped(subject, request, o);
  }

  async sendUntyped<T>(subject: string, request: unknown, o?: SendOptions): Promise<T> {
    this.calls.push({ subject, request: JSON.parse(JSON.stringify(request)) as Record<string, unknown> });
    this.timeouts.push({ subject, timeoutMs: o?.timeoutMs });
    const handler = this.handlers.get(subject);
    if (!handler) {
      throw new ServiceCallError(
        { code: ErrorCode.SERVICE_UNAVAILABLE, status: 503, detail: 'The service is not available' },
        subject,
      );
    }
    return Promise.resolve(handler(JSON.parse(JSON.stringify(request)) as Record<string, unknown>) as T);
  }

  isConnected(): boolean {
    return true;
  }
}

export interface TokenOptions {
  roles?: string[];
  jurisdiction?: string[] | string;
  sub?: string;
  issuer?: string;
  audience?: string;
  /** Seconds from NOW; negative for an expired token. */
  expiresIn?: number;
  /** Sign with another key (a forged token). */
  key?: KeyObject | CryptoKey;
  /** Extra claims, e.g. `{ realm_access: { roles: [...] } }`. */
  claims?: JWTPayload;
}

export interface SpecKeys {
  privateKey: CryptoKey;
  publicPem: string;
}

export async function generateSpecKeys(): Promise<SpecKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey, publicPem: await exportSPKI(publicKey) };
}

export async function signToken(keys: SpecKeys, o: TokenOptions = {}): Promise<string> {
  const iat = Math.floor(NOW.getTime() / 1000);
  const payload: JWTPayload = { ...o.claims };
  if (o.roles) payload.roles = o.roles;
  if (o.jurisdiction !== undefined) payload.jurisdiction = o.jurisdiction;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setIssuer(o.issuer ?? ISSUER)
    .setAudience(o.audience ?? AUDIENCE)
    .setSubject(o.sub ?? 'officer-1')
    .setIssuedAt(iat)
    .setExpirationTime(iat + (o.expiresIn ?? 3600))
    .sign(o.key ?? keys.privateKey);
}

export interface SpecApp {
  app: NestFastifyApplication;
  fastify: FastifyInstance;
  rpc: FakeRpcClient;
  keys: SpecKeys;
  /** Every route Fastify registered, as `METHOD url`. */
  routes: string[];
  /** Log lines the gateway wrote. */
  logs: string[];
  token(o?: TokenOptions): Promise<string>;
  /** A request with a bearer token for `roles` (jurisdiction `31` unless given). */
  request(o: InjectOptions & { as?: TokenOptions | null }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * The gateway as main.ts builds it (same module, same setup), with the services replaced by a
 * FakeRpcClient, a fixed clock, a throwaway signing key and a log sink.
 */
export async function createSpecApp(
  env: Record<string, string> = {},
  extra: { imports?: unknown[]; controllers?: unknown[]; clock?: Clock } = {},
): Promise<SpecApp> {
  const keys = await generateSpecKeys();
  const config = loadEnv({
    NATS_URL: 'nats://127.0.0.1:4999',
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    AUTH_PUBLIC_KEY: keys.publicPem,
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const rpc = new FakeRpcClient();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config), ...((extra.imports ?? []) as never[])],
    controllers: (extra.controllers ?? []) as never[],
  })
    .overrideProvider(RpcClient)
    .useValue(rpc)
    .overrideProvider(Clock)
    .useValue(extra.clock ?? new SpecClock())
    .overrideProvider(APP_LOGGER)
    .useValue(pino({ base: { service: 'gateway' } }, sink))
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    new FastifyAdapter({ ...fastifyAdapterOptions(), trustProxy: config.TRUST_PROXY }),
  );
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  const routes: string[] = [];
  fastify.addHook('onRoute', (route: RouteOptions) => {
    for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
  });
  await setupApp(app, config);
  await app.init();
  await fastify.ready();

  const token = (o?: TokenOptions) => signToken(keys, o);
  return {
    app,
    fastify,
    rpc,
    keys,
    routes,
    logs,
    token,
    async request({ as, ...options }) {
      const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
      if (as !== null && as !== undefined)
        headers.authorization = `Bearer ${await token({ jurisdiction: ['31'], ...as })}`;
      return fastify.inject({ ...options, headers });
    },
    close: () => app.close(),
  };
}

/** The JSON body of a problem+json answer, after checking its content type and shape. */
export function problemOf(res: LightMyRequestResponse): Record<string, unknown> {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<Record<string, unknown>>();
  expect(body).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^urn:terpadu:problem:/),
      title: expect.any(String),
      status: res.statusCode,
      detail: expect.any(String),
      code: expect.any(String),
      errors: expect.any(Array),
      requestId: res.headers['x-request-id'],
    }),
  );
  return body;
}
