import { ErrorCode, POPULATION_RESIDENTS_GET, Role } from '@terpadu/contracts';
import { createSpecApp, NOW, problemOf, SpecClock, type SpecApp } from '../../test/spec-app';
import { RateLimitGuard } from './rate-limit.guard';

const NIK = '3171011708450001';

describe(RateLimitGuard.name, () => {
  let spec: SpecApp;
  let now = NOW.getTime();

  beforeAll(async () => {
    spec = await createSpecApp({ RATE_LIMIT_PER_MINUTE: '3' }, { clock: new SpecClock(() => new Date(now)) });
    spec.rpc.answer(POPULATION_RESIDENTS_GET, () => ({ nik: NIK }));
  });
  afterAll(() => spec.close());

  const get = (url = `/v1/residents/${NIK}`, ip = '10.0.0.1') =>
    spec.request({ method: 'GET', url, remoteAddress: ip, as: { roles: [Role.Registrar] } });

  it('allows a burst of the limit, then answers 429 RATE_LIMITED with Retry-After, then refills', async () => {
    for (let i = 0; i < 3; i++) expect((await get()).statusCode).toBe(200);
    const limited = await get();
    expect(limited.statusCode).toBe(429);
    expect(problemOf(limited)).toMatchObject({ code: ErrorCode.RATE_LIMITED });
    expect(limited.headers['retry-after']).toBe('20');

    // Another client, and another route of the same client, have their own buckets.
    expect((await get(`/v1/residents/${NIK}`, '10.0.0.2')).statusCode).toBe(200);
    spec.rpc.answer('rpc.population.residents.history', () => ({ items: [] }));
    expect((await get(`/v1/residents/${NIK}/history`)).statusCode).toBe(200);

    now += 20_000; // one token back (3 per minute)
    expect((await get()).statusCode).toBe(200);
    expect((await get()).statusCode).toBe(429);
  });
});

describe(`${RateLimitGuard.name} set to 0`, () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp({ RATE_LIMIT_PER_MINUTE: '0' });
    spec.rpc.answer(POPULATION_RESIDENTS_GET, () => ({ nik: NIK }));
  });
  afterAll(() => spec.close());

  it('does not limit at all (for load tests)', async () => {
    for (let i = 0; i < 50; i++) {
      const res = await spec.request({
        method: 'GET',
        url: `/v1/residents/${NIK}`,
        as: { roles: [Role.Registrar] },
      });
      expect(res.statusCode).toBe(200);
    }
  });
});
