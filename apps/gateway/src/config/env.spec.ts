import { EnvValidationError } from '@terpadu/config';
import { SERVICES } from '@terpadu/contracts';
import { Env, loadEnv } from './env';

const PEM = '-----BEGIN PUBLIC KEY-----\\nMFkw...\\n-----END PUBLIC KEY-----';
const BASE = {
  NATS_URL: 'nats://127.0.0.1:4222',
  AUTH_ISSUER: 'https://id.example/realms/x',
  AUTH_AUDIENCE: 'terpadu',
};

function errorOf(raw: Record<string, string>): string {
  try {
    loadEnv(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvValidationError);
    return (error as Error).message;
  }
  throw new Error('loadEnv accepted the environment');
}

describe(Env.name, () => {
  it('applies the defaults', () => {
    const env = loadEnv({ ...BASE, AUTH_JWKS_URL: 'https://id.example/certs' });
    expect(env).toMatchObject({
      HTTP_PORT: 3000,
      RPC_TIMEOUT_MS: 5000,
      AUTH_ROLES_CLAIM: 'roles',
      AUTH_JURISDICTION_CLAIM: 'jurisdiction',
      AUTH_ALGORITHMS: ['RS256', 'ES256'],
      OVERVIEW_SECTION_TIMEOUT_MS: 1500,
      TRUST_PROXY: false,
    });
    expect(env.RATE_LIMIT_PER_MINUTE).toBeGreaterThanOrEqual(1000);
    expect(env.CORS_ORIGINS).toBeUndefined();
    // The dead-letter fan-out asks every service the registry lists as holding dead letters.
    expect(env.DEAD_LETTER_SERVICES).toEqual(SERVICES.filter((s) => s.deadLetters).map((s) => s.name));
    expect(env.DEAD_LETTER_SERVICES).toEqual(expect.arrayContaining(['population', 'health']));
  });

  it('converts numbers, lists and booleans', () => {
    const env = loadEnv({
      ...BASE,
      AUTH_PUBLIC_KEY: PEM,
      HTTP_PORT: '8080',
      RPC_TIMEOUT_MS: '750',
      AUTH_ALGORITHMS: 'ES256, EdDSA',
      DEAD_LETTER_SERVICES: 'population,health',
      CORS_ORIGINS: 'https://desa.example,http://localhost:5173',
      TRUST_PROXY: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    expect(env).toMatchObject({
      HTTP_PORT: 8080,
      RPC_TIMEOUT_MS: 750,
      AUTH_ALGORITHMS: ['ES256', 'EdDSA'],
      DEAD_LETTER_SERVICES: ['population', 'health'],
      CORS_ORIGINS: ['https://desa.example', 'http://localhost:5173'],
      TRUST_PROXY: false,
      RATE_LIMIT_PER_MINUTE: 0,
    });
    expect(loadEnv({ ...BASE, AUTH_PUBLIC_KEY: PEM, TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
  });

  it('refuses to start without a verification key: there is no default key', () => {
    expect(errorOf(BASE)).toContain(
      'AUTH_JWKS_URL | AUTH_PUBLIC_KEY | AUTH_PUBLIC_KEY_FILE (exactly one must be set, 0 are)',
    );
    expect(errorOf({ ...BASE, AUTH_PUBLIC_KEY: '  ' })).toContain('0 are');
  });

  it('refuses two key sources, naming the variables and never their values', () => {
    const message = errorOf({ ...BASE, AUTH_PUBLIC_KEY: PEM, AUTH_PUBLIC_KEY_FILE: '/run/secrets/jwt.pem' });
    expect(message).toContain('exactly one must be set, 2 are');
    expect(message).not.toContain('MFkw');
    expect(message).not.toContain('/run/secrets');
  });

  it('names each missing or invalid variable', () => {
    const message = errorOf({
      AUTH_PUBLIC_KEY: PEM,
      NATS_URL: 'localhost:4222',
      AUTH_ALGORITHMS: 'HS256',
      HTTP_PORT: 'eighty',
    });
    for (const name of ['NATS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_ALGORITHMS', 'HTTP_PORT'])
      expect(message).toContain(name);
    expect(message).not.toContain('HS256');
    expect(message).not.toContain('eighty');
  });
});
