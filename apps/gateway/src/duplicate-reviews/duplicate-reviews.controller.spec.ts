import {
  ErrorCode,
  POPULATION_DUPLICATE_REVIEWS_LIST,
  POPULATION_DUPLICATE_REVIEWS_RESOLVE,
  Role,
} from '@terpadu/contracts';
import { EXPECTED_ACCESS } from '../../test/access-matrix';
import { describeEndpointContract, expectInvalid } from '../../test/endpoint-contract';
import { createSpecApp, type SpecApp } from '../../test/spec-app';
import { DuplicateReviewsController } from './duplicate-reviews.controller';

const ID = '0b7d1c9e-3f4a-4e55-9a1b-2c3d4e5f6a7b';
const KEEP = '1c8e2d0f-4a5b-4f66-8b2c-3d4e5f6a7b8c';

describe(DuplicateReviewsController.name, () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp();
  });
  afterAll(() => spec.close());
  beforeEach(() => spec.rpc.reset());

  describeEndpointContract(
    () => spec,
    [
      {
        name: 'GET /v1/duplicate-reviews',
        request: { method: 'GET', url: '/v1/duplicate-reviews?status=OPEN&limit=10' },
        subject: POPULATION_DUPLICATE_REVIEWS_LIST,
        allowed: EXPECTED_ACCESS.reviewDuplicates,
        status: 200,
        forwarded: { query: { status: 'OPEN', limit: 10 } },
        domainError: { code: ErrorCode.VALIDATION_FAILED, status: 400 },
      },
      {
        name: 'POST /v1/duplicate-reviews/{id}/resolve',
        request: {
          method: 'POST',
          url: `/v1/duplicate-reviews/${ID}/resolve`,
          payload: { resolution: 'DUPLICATE', keepResidentId: KEEP, reason: 'Data ganda' },
        },
        subject: POPULATION_DUPLICATE_REVIEWS_RESOLVE,
        allowed: EXPECTED_ACCESS.reviewDuplicates,
        status: 200,
        forwarded: {
          id: ID,
          resolution: { resolution: 'DUPLICATE', keepResidentId: KEEP, reason: 'Data ganda' },
        },
        domainError: { code: ErrorCode.DUPLICATE_REVIEW_ALREADY_RESOLVED, status: 409 },
      },
    ],
  );

  it('validates the list query, the id and the resolution', async () => {
    await expectInvalid(spec, { method: 'GET', url: '/v1/duplicate-reviews?status=MAYBE' }, Role.Registrar, [
      { field: 'status', code: 'isEnum' },
    ]);
    await expectInvalid(spec, { method: 'GET', url: '/v1/duplicate-reviews?limit=500' }, Role.Registrar, [
      { field: 'limit', code: 'max' },
    ]);
    await expectInvalid(
      spec,
      {
        method: 'POST',
        url: '/v1/duplicate-reviews/42/resolve',
        payload: { resolution: 'DISTINCT', reason: 'x' },
      },
      Role.Registrar,
      [{ field: 'id', code: 'isUuid' }],
    );
    await expectInvalid(
      spec,
      {
        method: 'POST',
        url: `/v1/duplicate-reviews/${ID}/resolve`,
        payload: { resolution: 'DUPLICATE', reason: 'x' },
      },
      Role.Registrar,
      [{ field: 'keepResidentId', code: 'isUuid' }],
    );
    await expectInvalid(
      spec,
      {
        method: 'POST',
        url: `/v1/duplicate-reviews/${ID}/resolve`,
        payload: { resolution: 'MERGE', reason: 'x' },
      },
      Role.Registrar,
      [{ field: 'resolution', code: 'isEnum' }],
    );
  });

  it('forwards a DISTINCT resolution without a record to keep', async () => {
    spec.rpc.answer(POPULATION_DUPLICATE_REVIEWS_RESOLVE, () => ({ id: ID, status: 'DISTINCT' }));
    const res = await spec.request({
      method: 'POST',
      url: `/v1/duplicate-reviews/${ID}/resolve`,
      payload: { resolution: 'DISTINCT', reason: 'Kembar' },
      as: { roles: [Role.Registrar] },
    });
    expect(res.statusCode).toBe(200);
    expect(spec.rpc.calls[0].request).toMatchObject({
      id: ID,
      resolution: { resolution: 'DISTINCT', reason: 'Kembar' },
    });
  });
});
