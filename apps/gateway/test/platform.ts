import {
  migrateApp,
  type RunningApp,
  startApp,
  startNats,
  startPostgres,
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
  population: RunningApp;
  /** The health service, when started with `{ health: true }`. */
  health?: RunningApp;
  nats: TestNats;
  /** The population service's database (specs that check what a crash left behind read it). */
  databaseUrl: string;
  /** Starts the population service again after a stop (same database and NATS). */
  startPopulation(): Promise<RunningApp>;
  /** Starts the health service again after a stop (same database and NATS). */
  startHealth(): Promise<RunningApp>;
  token(claims: TokenClaims): Promise<string>;
  /** A request to the gateway as `as` (no Authorization header when `as` is null). */
  call(method: string, path: string, as: TokenClaims | null, body?: unknown): Promise<ApiResponse>;
  stop(): Promise<void>;
}

/**
 * The built apps (dist/apps/<app>/main.js, Node 24) on a fresh PostgreSQL database and a throwaway
 * NATS: population migrated and started, then the gateway trusting a key made for this suite.
 * Build first: `npx nx run-many -t build -p gateway population`.
 */
export async function startPlatform(
  gatewayEnv: Record<string, string> = {},
  options: { health?: boolean } = {},
): Promise<Platform> {
  const postgres: TestPostgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase('gateway_e2e');
  const healthDatabaseUrl = options.health ? await postgres.createDatabase('health_e2e') : '';
  const nats = await startNats();
  const started: RunningApp[] = [];
  const stop = async () => {
    for (const app of started.reverse()) await app.stop();
    if (healthDatabaseUrl) await postgres.dropDatabase(healthDatabaseUrl);
    await nats.destroy();
    await postgres.dropDatabase(databaseUrl);
    await postgres.stop();
  };
  try {
    await migrateApp('population', databaseUrl);
    const startPopulation = async () => {
      const population = await startApp({
        app: 'population',
        env: { DATABASE_URL: databaseUrl, NATS_URL: nats.url },
      });
      started.push(population);
      return population;
    };
    const population = await startPopulation();
    const startHealth = async () => {
      const health = await startApp({
        app: 'health',
        env: { DATABASE_URL: healthDatabaseUrl, NATS_URL: nats.url, OVERDUE_SCAN_INTERVAL_MS: '0' },
      });
      started.push(health);
      return health;
    };
    if (options.health) await migrateApp('health', healthDatabaseUrl);
    const health = options.health ? await startHealth() : undefined;
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const gateway = await startApp({
      app: 'gateway',
      env: {
        NATS_URL: nats.url,
        AUTH_ISSUER: E2E_ISSUER,
        AUTH_AUDIENCE: E2E_AUDIENCE,
        AUTH_PUBLIC_KEY: await exportSPKI(publicKey),
        RATE_LIMIT_PER_MINUTE: '0',
        // The gateway asks exactly the services this platform runs for their dead letters.
        DEAD_LETTER_SERVICES: options.health ? 'population,health' : 'population',
        ...gatewayEnv,
      },
    });
    started.push(gateway);

    const token = (claims: TokenClaims) => sign(privateKey, claims);
    return {
      gateway,
      population,
      health,
      nats,
      databaseUrl,
      startPopulation,
      startHealth,
      token,
      async call(method, path, as, body) {
        const headers: Record<string, string> = {};
        if (as) headers.authorization = `Bearer ${await token(as)}`;
        if (body !== undefined) headers['content-type'] = 'application/json';
        const res = await fetch(`${gateway.url}${path}`, {
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
