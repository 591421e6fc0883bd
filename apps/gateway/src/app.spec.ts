import { createSpecApp, problemOf, type SpecApp } from '../test/spec-app';

describe('gateway basics', () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp();
  });
  afterAll(() => spec.close());

  it('answers an unknown route with 404 ROUTE_NOT_FOUND as problem+json', async () => {
    const res = await spec.request({ method: 'GET', url: '/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(problemOf(res)).toMatchObject({ code: 'ROUTE_NOT_FOUND', status: 404 });
  });
});
