import { Injectable } from '@nestjs/common';
import { Clock } from '@terpadu/clock';
import { ErrorCode } from '@terpadu/contracts';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Env } from '../config/env';
import { ProblemException } from '../problem/problem.exception';

const BEARER_CHALLENGE = 'Bearer';
const INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"';

/** 401 with the `WWW-Authenticate` challenge of RFC 6750; `detail` never repeats the token. */
export function unauthenticated(detail: string, tokenPresent: boolean): ProblemException {
  return new ProblemException(ErrorCode.UNAUTHENTICATED, detail, undefined, {
    'www-authenticate': tokenPresent ? INVALID_TOKEN_CHALLENGE : BEARER_CHALLENGE,
  });
}

function pemFrom(env: Env): { pem: string; variable: string } | undefined {
  if (env.AUTH_PUBLIC_KEY)
    return { pem: env.AUTH_PUBLIC_KEY.replace(/\\n/g, '\n'), variable: 'AUTH_PUBLIC_KEY' };
  if (env.AUTH_PUBLIC_KEY_FILE) {
    try {
      return { pem: readFileSync(env.AUTH_PUBLIC_KEY_FILE, 'utf8'), variable: 'AUTH_PUBLIC_KEY_FILE' };
    } catch {
      throw new Error('AUTH_PUBLIC_KEY_FILE cannot be read');
    }
  }
  return undefined;
}

function publicKeyFrom(pem: string, variable: string): KeyObject {
  try {
    const key = createPublicKey({ key: pem, format: 'pem' });
    if (key.type !== 'public') throw new Error('not a public key');
    return key;
  } catch {
    // The value may be a private key pasted by mistake: name the variable, never print it.
    throw new Error(`${variable} is not a PEM public key`);
  }
}

/**
 * Verifies bearer tokens: signature (a configured public key, or the issuer's JWKS), algorithm,
 * issuer, audience, expiry (required) and not-before. Keys are resolved at boot, so a bad key
 * configuration stops the gateway from starting instead of refusing every request.
 */
@Injectable()
export class TokenVerifier {
  private readonly key: KeyObject | JWTVerifyGetKey;

  constructor(
    private readonly clock: Clock,
    private readonly env: Env,
  ) {
    const pem = pemFrom(env);
    if (pem) this.key = publicKeyFrom(pem.pem, pem.variable);
    else if (env.AUTH_JWKS_URL)
      this.key = createRemoteJWKSet(new URL(env.AUTH_JWKS_URL), {
        timeoutDuration: 3000,
        cooldownDuration: 30_000,
      });
    else throw new Error('AUTH_JWKS_URL | AUTH_PUBLIC_KEY | AUTH_PUBLIC_KEY_FILE: exactly one must be set');
  }

  async verify(token: string): Promise<JWTPayload> {
    const options = {
      issuer: this.env.AUTH_ISSUER,
      audience: this.env.AUTH_AUDIENCE,
      algorithms: this.env.AUTH_ALGORITHMS,
      requiredClaims: ['exp', 'sub'],
      clockTolerance: this.env.AUTH_CLOCK_TOLERANCE_S,
      currentDate: this.clock.now(),
    };
    try {
      const { payload } =
        typeof this.key === 'function'
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, this.key, options);
      return payload;
    } catch (error) {
      throw this.toProblem(error);
    }
  }

  private toProblem(error: unknown): ProblemException {
    if (error instanceof errors.JWTExpired) return unauthenticated('The token has expired', true);
    if (error instanceof errors.JWTClaimValidationFailed) {
      return unauthenticated(
        `The token's ${error.claim} claim is ${error.reason === 'missing' ? 'missing' : 'not accepted'}`,
        true,
      );
    }
    if (
      error instanceof errors.JWKSTimeout ||
      (typeof this.key === 'function' && !(error instanceof errors.JOSEError))
    ) {
      // The issuer's key set could not be fetched: not the caller's fault, and worth a retry.
      return new ProblemException(
        ErrorCode.SERVICE_UNAVAILABLE,
        'The token issuer cannot be reached to verify the token',
      );
    }
    return unauthenticated('The token is not valid', true);
  }
}
