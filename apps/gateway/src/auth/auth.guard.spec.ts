import { Controller, Get } from '@nestjs/common';
import { ErrorCode, POPULATION_RESIDENTS_GET, Role } from '@terpadu/contracts';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AUDIENCE, createSpecApp, ISSUER, NOW, problemOf, type SpecApp } from '../../test/spec-app';
import { AuthGuard } from './auth.guard';

const NIK = '3171011708450001';
const URL = `/v1/residents/${NIK}`;

/** A route someone forgot to give an access rule. */
@Controller('v1/forgotten')
class ForgottenController {
  @Get()
  leak(): { secret: string } {
    return { secret: 'everyone sees this' };
  }
}

describe(AuthGuard.name, () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp({}, { controllers: [ForgottenController] });
  });
  afterAll(() => spec.close());
  beforeEach(() => {
    spec.rpc.reset();
    spec.rpc.answer(POPULATION_RESIDENTS_GET, () => ({ nik: NIK }));
  });

  const get = (authorization?: string) =>
    spec.fastify.inject({ method: 'GET', url: URL, headers: authorization ? { authorization } : {} });

  async function expectUnauthenticated(
    authorization: string | undefined,
    detail: string | RegExp,
  ): Promise<void> {
    const res = await get(authorization);
    expect(res.statusCode).toBe(401);
    expect(problemOf(res)).toMatchObject({
      code: ErrorCode.UNAUTHENTICATED,
      detail: expect.stringMatching(detail),
    });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(spec.rpc.calls).toHaveLength(0);
  }

  it('accepts a valid token and answers 200', async () => {
    const res = await get(`Bearer ${await spec.token({ roles: [Role.Registrar], jurisdiction: ['31'] })}`);
    expect(res.statusCode).toBe(200);
  });

  it('answers 401 with WWW-Authenticate: Bearer without a token', async () => {
    await expectUnauthenticated(undefined, 'A bearer token is required');
    expect((await get()).headers['www-authenticate']).toBe('Bearer');
  });

  it('answers 401 to another authorization scheme or a garbled token', async () => {
    await expectUnauthenticated('Basic dXNlcjpwYXNz', /Bearer <token>/);
    await expectUnauthenticated('Bearer not.a.jwt', 'The token is not valid');
    expect((await get('Bearer not.a.jwt')).headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('answers 401 to an expired token', async () => {
    await expectUnauthenticated(
      `Bearer ${await spec.token({ roles: [Role.Registrar], expiresIn: -120 })}`,
      'The token has expired',
    );
  });

  it('tolerates a little clock skew but no more', async () => {
    expect(
      (await get(`Bearer ${await spec.token({ roles: [Role.Registrar], expiresIn: -10 })}`)).statusCode,
    ).toBe(200);
  });

  it('answers 401 to a token of another issuer', async () => {
    await expectUnauthenticated(
      `Bearer ${await spec.token({ roles: [Role.Registrar], issuer: 'https://evil.example' })}`,
      /iss/,
    );
  });

  it('answers 401 to a token for another audience', async () => {
    await expectUnauthenticated(
      `Bearer ${await spec.token({ roles: [Role.Registrar], audience: 'another-api' })}`,
      /aud/,
    );
  });

  it('answers 401 to a token signed with another key', async () => {
    const forger = await generateKeyPair('ES256');
    await expectUnauthenticated(
      `Bearer ${await spec.token({ roles: [Role.Registrar], key: forger.privateKey })}`,
      'The token is not valid',
    );
  });

  it('answers 401 to an HMAC token keyed with the public key (algorithm confusion) and to alg none', async () => {
    const iat = Math.floor(NOW.getTime() / 1000);
    const hmac = await new SignJWT({ roles: [Role.Registrar], jurisdiction: ['31'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('mallory')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .sign(new TextEncoder().encode(spec.keys.publicPem));
    await expectUnauthenticated(`Bearer ${hmac}`, 'The token is not valid');
    const [, payload] = hmac.split('.');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    await expectUnauthenticated(`Bearer ${none}`, 'The token is not valid');
  });

  it('answers 401 to a token without expiry or subject', async () => {
    const iat = Math.floor(NOW.getTime() / 1000);
    const noExp = await new SignJWT({ roles: [Role.Registrar] })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('officer-1')
      .setIssuedAt(iat)
      .sign(spec.keys.privateKey);
    await expectUnauthenticated(`Bearer ${noExp}`, /exp/);
    const noSub = await new SignJWT({ roles: [Role.Registrar] })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .sign(spec.keys.privateKey);
    await expectUnauthenticated(`Bearer ${noSub}`, /sub/);
  });

  it('answers 403 FORBIDDEN when no role of the token may call the operation', async () => {
    const res = await get(`Bearer ${await spec.token({ roles: [Role.Admin, Role.Resident] })}`);
    expect(res.statusCode).toBe(403);
    expect(problemOf(res)).toMatchObject({ code: ErrorCode.FORBIDDEN });
    expect(spec.rpc.calls).toHaveLength(0);
  });

  it('answers 403 when the token has no roles claim at all', async () => {
    expect((await get(`Bearer ${await spec.token({})}`)).statusCode).toBe(403);
  });

  it('fails closed: a route without @Roles or @Public is refused even with a valid token', async () => {
    const res = await spec.fastify.inject({
      method: 'GET',
      url: '/v1/forgotten',
      headers: { authorization: `Bearer ${await spec.token({ roles: Object.values(Role) })}` },
    });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res)).toMatchObject({
      code: ErrorCode.FORBIDDEN,
      detail: 'This operation has no access rule',
    });
    expect(res.body).not.toContain('everyone sees this');
  });

  it('reads the jurisdiction from a list or a space/comma separated string, ignoring non-codes', async () => {
    await get(
      `Bearer ${await spec.token({ roles: [Role.Registrar], jurisdiction: '3171 31.72,abc ;drop' })}`,
    );
    expect(spec.rpc.calls[0].request.actor).toMatchObject({ jurisdiction: ['3171', '3172'] });
  });
});

describe(`${AuthGuard.name} configured for Keycloak (AUTH_ROLES_CLAIM=realm_access.roles)`, () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp({
      AUTH_ROLES_CLAIM: 'realm_access.roles',
      AUTH_JURISDICTION_CLAIM: 'attributes.jurisdiction',
    });
    spec.rpc.answer(POPULATION_RESIDENTS_GET, () => ({ nik: NIK }));
  });
  afterAll(() => spec.close());

  it('takes roles and jurisdiction from the nested claims', async () => {
    const token = await spec.token({
      claims: {
        realm_access: { roles: ['offline_access', Role.VillageHead] },
        attributes: { jurisdiction: ['3171010001'] },
      },
    });
    const res = await spec.fastify.inject({
      method: 'GET',
      url: URL,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(spec.rpc.calls[0].request.actor).toMatchObject({
      roles: ['offline_access', Role.VillageHead],
      jurisdiction: ['3171010001'],
    });
  });

  it('ignores a top-level roles claim', async () => {
    const token = await spec.token({
      roles: [Role.Registrar],
      claims: { realm_access: { roles: ['offline_access'] } },
    });
    const res = await spec.fastify.inject({
      method: 'GET',
      url: URL,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe(`${AuthGuard.name} with a JWKS URL`, () => {
  let spec: SpecApp;
  let server: Server;
  let signingKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    spec = await createSpecApp({ AUTH_PUBLIC_KEY: '', AUTH_JWKS_URL: `http://127.0.0.1:${port}/certs` });
    spec.rpc.answer(POPULATION_RESIDENTS_GET, () => ({ nik: NIK }));
  });
  afterAll(async () => {
    await spec.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('verifies tokens with the key the issuer publishes, and refuses others', async () => {
    const iat = Math.floor(NOW.getTime() / 1000);
    const sign = (key: CryptoKey, kid: string) =>
      new SignJWT({ roles: [Role.Auditor], jurisdiction: ['31'] })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject('auditor-1')
        .setIssuedAt(iat)
        .setExpirationTime(iat + 600)
        .sign(key);
    const ok = await spec.fastify.inject({
      method: 'GET',
      url: URL,
      headers: { authorization: `Bearer ${await sign(signingKey, 'k1')}` },
    });
    expect(ok.statusCode).toBe(200);
    const other = await generateKeyPair('RS256');
    const forged = await spec.fastify.inject({
      method: 'GET',
      url: URL,
      headers: { authorization: `Bearer ${await sign(other.privateKey, 'k1')}` },
    });
    expect(forged.statusCode).toBe(401);
  });
});

describe(`${AuthGuard.name} when the issuer's JWKS cannot be fetched`, () => {
  let spec: SpecApp;
  beforeAll(async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    spec = await createSpecApp({ AUTH_PUBLIC_KEY: '', AUTH_JWKS_URL: `http://127.0.0.1:${port}/certs` });
  });
  afterAll(() => spec.close());

  it('answers 503 (retry later) rather than blaming the token', async () => {
    const res = await spec.request({ method: 'GET', url: URL, as: { roles: [Role.Registrar] } });
    expect(res.statusCode).toBe(503);
    expect(problemOf(res)).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE });
    expect(spec.rpc.calls).toHaveLength(0);
  });
});
