import 'reflect-metadata';
import { EnvValidationError, validateEnv } from '@terpadu/config';
import type { LogLevelName } from '@terpadu/observability';
import { deadLetterServices } from '@terpadu/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
} from 'class-validator';

/** Asymmetric JWS algorithms only: an HMAC algorithm would let anyone holding the "public" key mint tokens. */
export const ALLOWED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

/** The three ways to name the token verification key; exactly one must be set. */
export const KEY_SOURCE_VARIABLES = ['AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY', 'AUTH_PUBLIC_KEY_FILE'] as const;

const csv = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0)
    : value;

/** `true`/`false` (or `1`/`0`); implicit conversion would read the string "false" as true. */
const bool = ({ obj, key }: { obj: Record<string, unknown>; key: string }): unknown => {
  const raw = obj[key];
  if (typeof raw !== 'string') return raw;
  if (/^(true|1)$/i.test(raw)) return true;
  if (/^(false|0)$/i.test(raw)) return false;
  return raw;
};

const blankToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** Gateway configuration, read only from environment variables and checked at boot. */
export class Env {
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
  LOG_LEVEL: LogLevelName = 'info';

  @Matches(/^(nats|tls|wss?):\/\/\S+$/, {
    message: 'NATS_URL must be a nats:// URL (comma-separated for a cluster)',
  })
  NATS_URL: string;

  @IsInt()
  @Min(100)
  @Max(120_000)
  RPC_TIMEOUT_MS: number = 5000;

  @IsString()
  @Matches(/\S/)
  AUTH_ISSUER: string;

  @IsString()
  @Matches(/\S/)
  AUTH_AUDIENCE: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  AUTH_JWKS_URL?: string;

  /** A PEM public key (SPKI). `\n` escapes are accepted, since PEMs often travel on one line. */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  AUTH_PUBLIC_KEY?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  AUTH_PUBLIC_KEY_FILE?: string;

  /** Dotted path of the roles claim: `roles`, or `realm_access.roles` for Keycloak. */
  @Matches(/^[A-Za-z0-9_:$-]+(\.[A-Za-z0-9_:$-]+)*$/, {
    message: 'AUTH_ROLES_CLAIM must be a dotted claim path',
  })
  AUTH_ROLES_CLAIM: string = 'roles';

  @Matches(/^[A-Za-z0-9_:$-]+(\.[A-Za-z0-9_:$-]+)*$/, {
    message: 'AUTH_JURISDICTION_CLAIM must be a dotted claim path',
  })
  AUTH_JURISDICTION_CLAIM: string = 'jurisdiction';

  @Transform(csv)
  @ArrayNotEmpty()
  @IsIn(ALLOWED_ALGORITHMS, { each: true })
  AUTH_ALGORITHMS: string[] = ['RS256', 'ES256'];

  /** Seconds of clock skew tolerated on `exp` and `nbf`. */
  @IsInt()
  @Min(0)
  @Max(300)
  AUTH_CLOCK_TOLERANCE_S: number = 30;

  /** Requests per minute per client address and route; 0 turns the limit off (load tests). */
  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_MINUTE: number = 1200;

  /** Requests per minute per client address to the public letter verification (`GET /v1/letters/verify/{code}`). */
  @IsInt()
  @Min(0)
  VERIFY_RATE_LIMIT_PER_MINUTE: number = 30;

  /** Services whose dead letters `GET /v1/admin/dead-letters` gathers (default: the registry's). */
  @Transform(csv)
  @ArrayNotEmpty()
  @Matches(/^[a-z][a-z0-9-]*$/, { each: true, message: 'DEAD_LETTER_SERVICES must list service names' })
  DEAD_LETTER_SERVICES: string[] = deadLetterServices();

  /** Deadline of each section of `GET /v1/residents/{nik}/overview`, from the start of the request. */
  @IsInt()
  @Min(50)
  @Max(60_000)
  OVERVIEW_SECTION_TIMEOUT_MS: number = 1500;

  /** Largest CSV `POST /v1/imports/residents` accepts, in bytes (other bodies keep Fastify's 1 MB). */
  @IsInt()
  @Min(1024)
  IMPORT_MAX_BYTES: number = 64 * 1024 * 1024;

  /** Browser origins allowed by CORS; unset means no cross-origin browser access. */
  @Transform(csv)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { each: true })
  CORS_ORIGINS?: string[];

  /** Trust `X-Forwarded-For` from the ingress in front (for the client address the rate limit uses). */
  @Transform(bool)
  @IsBoolean()
  TRUST_PROXY: boolean = false;
}

/**
 * Validates `raw` (normally `process.env`) into an Env, and checks that exactly one verification
 * key source is configured: there is no default key, ever. Errors name variables, never values.
 */
export function loadEnv(raw: Record<string, unknown>): Env {
  const env = validateEnv(Env, raw);
  const set = KEY_SOURCE_VARIABLES.filter((name) => env[name] !== undefined);
  if (set.length !== 1) {
    throw new EnvValidationError([
      `${KEY_SOURCE_VARIABLES.join(' | ')} (exactly one must be set, ${set.length} are)`,
    ]);
  }
  return env;
}
