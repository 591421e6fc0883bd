import { ErrorCode, POPULATION_RESIDENTS_GET } from '@terpadu/contracts';
import { createSpecApp, problemOf, type SpecApp } from '../test/spec-app';

const NIK = '3171011708450001';

describe('gateway basics', () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp();
  });
  afterAll(() => spec.close());
  beforeEach(() => spec.rpc.reset());

  it('answers an unknown route with 404 ROUTE_NOT_FOUND as problem+json, without echoing the path', async () => {
    const res = await spec.request({ method: 'GET', url: `/v1/nothing-here/${NIK}` });
    expect(res.statusCode).toBe(404);
    expect(problemOf(res)).toMatchObject({ code: ErrorCode.ROUTE_NOT_FOUND, status: 404, errors: [] });
    expect(res.body).not.toContain(NIK);
  });

  it('answers malformed JSON with 400 VALIDATION_FAILED', async () => {
    const res = await spec.request({
      method: 'POST',
      url: '/v1/residents/search',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Siti',
      as: { roles: ['registrar'] },
    });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res)).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      detail: 'The request body is not valid JSON',
    });
    expect(spec.rpc.calls).toHaveLength(0);
  });

  it('answers a body of a type the route does not take with 415 UNSUPPORTED_MEDIA_TYPE, not VALIDATION_FAILED', async () => {
    const res = await spec.request({
      method: 'POST',
      url: '/v1/residents/search',
      headers: { 'content-type': 'application/xml' },
      payload: '<search><name>Siti</name></search>',
      as: { roles: ['registrar'] },
    });
    expect(res.statusCode).toBe(415);
    expect(problemOf(res)).toMatchObject({
      type: 'urn:terpadu:problem:unsupported-media-type',
      title: 'Unsupported media type',
      status: 415,
      code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      errors: [],
    });
    expect(spec.rpc.calls).toHaveLength(0);
  });

  it('echoes a sane x-request-id in the header and the problem body, and replaces an unsafe one', async () => {
    const sane = await spec.request({
      method: 'GET',
      url: '/v1/nothing',
      headers: { 'x-request-id': 'kiosk-7.abc_123' },
    });
    expect(sane.headers['x-request-id']).toBe('kiosk-7.abc_123');
    expect(problemOf(sane).requestId).toBe('kiosk-7.abc_123');

    const unsafe = await spec.request({
      method: 'GET',
      url: '/v1/nothing',
      headers: { 'x-request-id': 'a b\n{"forged":1}' },
    });
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(problemOf(unsafe).requestId).toBe(unsafe.headers['x-request-id']);
  });

  it('passes the request id to the service in the actor', async () => {
    spec.rpc.answer(POPULATION_RESIDENTS_GET, () => ({ nik: NIK }));
    const res = await spec.request({
      method: 'GET',
      url: `/v1/residents/${NIK}`,
      headers: { 'x-request-id': 'trace-me-1' },
      as: { roles: ['registrar'], sub: 'officer-9', jurisdiction: ['3171'] },
    });
    expect(res.statusCode).toBe(200);
    expect(spec.rpc.calls).toEqual([
      {
        subject: POPULATION_RESIDENTS_GET,
        request: {
          actor: { sub: 'officer-9', roles: ['registrar'], jurisdiction: ['3171'], requestId: 'trace-me-1' },
          nik: NIK,
        },
      },
    ]);
  });

  it('answers an unexpected failure with 500 INTERNAL_ERROR without leaking its message', async () => {
    spec.rpc.answer(POPULATION_RESIDENTS_GET, () => {
      throw new Error('connection to 10.0.0.7 refused: password=hunter2');
    });
    const res = await spec.request({
      method: 'GET',
      url: `/v1/residents/${NIK}`,
      as: { roles: ['registrar'] },
    });
    expect(res.statusCode).toBe(500);
    expect(problemOf(res)).toMatchObject({
      code: ErrorCode.INTERNAL_ERROR,
      detail: 'The gateway failed to process the request',
    });
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toContain('10.0.0.7');
  });

  it('never writes a NIK into its logs', async () => {
    spec.rpc.answer(POPULATION_RESIDENTS_GET, () => ({ nik: NIK }));
    spec.logs.length = 0;
    await spec.request({
      method: 'GET',
      url: `/v1/residents/${NIK}`,
      headers: { 'x-request-id': 'log-check' },
      as: { roles: ['registrar'] },
    });
    await spec.request({ method: 'GET', url: `/v1/residents/${NIK}/history`, as: { roles: ['front_desk'] } });
    const lines = spec.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.reqId === 'log-check')).toMatchObject({
      url: '/v1/residents/:redacted',
      statusCode: 200,
    });
    expect(spec.logs.join('\n')).not.toContain(NIK);
  });

  it('sends security headers', async () => {
    const res = await spec.request({ method: 'GET', url: '/health/live' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('serves health and metrics without a token', async () => {
    expect((await spec.request({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const ready = await spec.request({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', checks: { nats: 'up' } });
    const metrics = await spec.request({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('http_request_duration_seconds');
  });

  it('serves Swagger UI at /docs and the document at /openapi.json without a token', async () => {
    const page = await spec.request({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('/docs/swagger-ui-bundle.js');
    const bundle = await spec.request({ method: 'GET', url: '/docs/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.body).toContain('SwaggerUIBundle');
    const init = await spec.request({ method: 'GET', url: '/docs/swagger-ui-init.js' });
    expect(init.body).toContain("url: '/openapi.json'");
    expect((await spec.request({ method: 'GET', url: '/docs/package.json' })).statusCode).toBe(404);
    const doc = await spec.request({ method: 'GET', url: '/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json()).toMatchObject({
      openapi: expect.stringMatching(/^3\./),
      info: { title: 'Terpadu API' },
    });
  });
});

describe('gateway CORS', () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp({ CORS_ORIGINS: 'https://desa.example' });
  });
  afterAll(() => spec.close());

  const preflight = (origin: string) =>
    spec.request({
      method: 'OPTIONS',
      url: '/v1/residents/search',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });

  it('lets the configured origins call the API from a browser', async () => {
    const res = await preflight('https://desa.example');
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://desa.example');
    expect(res.headers['access-control-allow-headers']).toContain('authorization');
  });

  it('does not let other origins in', async () => {
    const res = await preflight('https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
