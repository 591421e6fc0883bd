import {
  type RunningApp,
  type RunningServices,
  startApp,
  startNats,
  startPostgres,
  startServices,
  type TestNats,
  type TestPostgres,
} from '@terpadu/testing';
import { type CryptoKey, exportSPKI, generateKeyPair, SignJWT } from 'jose';

export const E2E_ISSUER = 'https://id.e2e.terpadu.test';
export const E2E_AUDIENCE = 'terpadu';

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export interface TokenClaims {
  roles: string[];
  jurisdiction?: string[];
  sub?: string;
}

export interface Platform {
  gateway: RunningApp;
  /** The domain services this platform runs (registry names): get, databaseUrl, start again. */
  services: RunningServices;
  nats: TestNats;
  token(claims: TokenClaims): Promise<string>;
  /** A request to the gateway as `as` (no Authorization header when `as` is null). */
  call(method: string, path: string, as: TokenClaims | null, body?: unknown): Promise<ApiResponse>;
  stop(): Promise<void>;
}

/**
 * The built apps (dist/apps/<app>/main.js, Node 24) on fresh PostgreSQL databases and a throwaway
 * NATS: the named services of the registry (default population), each migrated and started, then
 * the gateway trusting a key made for this suite and asking exactly these services for dead letters.
 * Build first: `npm run build`.
 */
export async function startPlatform(
  gatewayEnv: Record<string, string> = {},
  options: { services?: readonly string[] } = {},
): Promise<Platform> {
  const postgres: TestPostgres = await startPostgres();
  const nats = await startNats();
  let services: RunningServices | undefined;
  let gateway: RunningApp | undefined;
  const stop = async () => {
    await gateway?.stop();
    await services?.stop();
    await nats.destroy();
    await postgres.stop();
  };
  try {
    services = await startServices({
      postgres,
      natsUrl: nats.url,
      services: options.services ?? ['population'],
    });
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    gateway = await startApp({
      app: 'gateway',
      env: {
        NATS_URL: nats.url,
        AUTH_ISSUER: E2E_ISSUER,
        AUTH_AUDIENCE: E2E_AUDIENCE,
        AUTH_PUBLIC_KEY: await exportSPKI(publicKey),
        RATE_LIMIT_PER_MINUTE: '0',
        // The gateway asks exactly the services this platform runs for their dead letters.
        DEAD_LETTER_SERVICES: services.names.join(','),
        ...gatewayEnv,
      },
    });

    const token = (claims: TokenClaims) => sign(privateKey, claims);
    const running = gateway;
    return {
      gateway: running,
      services,
      nats,
      token,
      async call(method, path, as, body) {
        const headers: Record<string, string> = {};
        if (as) headers.authorization = `Bearer ${await token(as)}`;
        if (body !== undefined) headers['content-type'] = 'application/json';
        const res = await fetch(`${running.url}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        return {
          status: res.status,
          headers: res.headers,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Tokens for a gateway in another process, which checks expiry against its own (real) clock. */
function sign(key: CryptoKey, claims: TokenClaims): Promise<string> {
  return new SignJWT({ roles: claims.roles, jurisdiction: claims.jurisdiction ?? [] })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(E2E_ISSUER)
    .setAudience(E2E_AUDIENCE)
    .setSubject(claims.sub ?? `e2e-${claims.roles[0] ?? 'nobody'}`)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key);
}
