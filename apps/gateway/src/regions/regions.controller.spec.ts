import { ErrorCode, POPULATION_REGIONS_GET, Role } from '@terpadu/contracts';
import { ServiceCallError } from '@terpadu/messaging';
import { createSpecApp, problemOf, type SpecApp } from '../../test/spec-app';
import { RegionsController } from './regions.controller';

describe(RegionsController.name, () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp();
  });
  afterAll(() => spec.close());
  beforeEach(() => spec.rpc.reset());

  it('answers 401 without a token', async () => {
    const res = await spec.request({ method: 'GET', url: '/v1/regions/3174091005', as: null });
    expect(res.statusCode).toBe(401);
    expect(problemOf(res).code).toBe(ErrorCode.UNAUTHENTICATED);
  });

  it('answers every role, forwarding the undotted code', async () => {
    spec.rpc.answer(POPULATION_REGIONS_GET, () => ({ code: '3174091005', name: 'Tanjung Barat' }));
    for (const role of Object.values(Role)) {
      const res = await spec.request({
        method: 'GET',
        url: '/v1/regions/31.74.09.1005',
        as: { roles: [role] },
      });
      expect({ role, status: res.statusCode }).toEqual({ role, status: 200 });
      expect(res.json()).toEqual({ code: '3174091005', name: 'Tanjung Barat' });
    }
    expect(spec.rpc.calls.map((c) => c.request.code)).toEqual(Object.values(Role).map(() => '3174091005'));
  });

  it('passes REGION_NOT_FOUND through as 404', async () => {
    spec.rpc.answer(POPULATION_REGIONS_GET, () => {
      throw new ServiceCallError(
        { code: ErrorCode.REGION_NOT_FOUND, status: 404, detail: 'No region has this code' },
        POPULATION_REGIONS_GET,
      );
    });
    const res = await spec.request({
      method: 'GET',
      url: '/v1/regions/3174099999',
      as: { roles: [Role.Auditor] },
    });
    expect(res.statusCode).toBe(404);
    expect(problemOf(res).code).toBe(ErrorCode.REGION_NOT_FOUND);
  });

  it.each(['317', '31740910051', '31a4'])(
    'answers 400 on `code` for %s before asking a service',
    async (code) => {
      const res = await spec.request({
        method: 'GET',
        url: `/v1/regions/${code}`,
        as: { roles: [Role.Registrar] },
      });
      expect(res.statusCode).toBe(400);
      expect(problemOf(res).errors).toEqual([
        { field: 'code', code: 'matches', message: expect.any(String) },
      ]);
      expect(spec.rpc.calls).toHaveLength(0);
    },
  );
});
