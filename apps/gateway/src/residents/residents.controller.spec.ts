import {
  ErrorCode,
  POPULATION_RESIDENTS_GET,
  POPULATION_RESIDENTS_HISTORY,
  POPULATION_RESIDENTS_REGISTER,
  POPULATION_RESIDENTS_SEARCH,
  POPULATION_RESIDENTS_UPDATE,
  Role,
} from '@terpadu/contracts';
import { ServiceCallError } from '@terpadu/messaging';
import type { InjectOptions } from 'fastify';
import { EXPECTED_ACCESS } from '../../test/access-matrix';
import { describeEndpointContract, type Endpoint } from '../../test/endpoint-contract';
import { registration } from '../../test/fixtures';
import { createSpecApp, problemOf, type SpecApp } from '../../test/spec-app';
import { ResidentsController } from './residents.controller';

const NIK = '3171011708450001';

const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /v1/residents',
    request: { method: 'POST', url: '/v1/residents', payload: registration() },
    subject: POPULATION_RESIDENTS_REGISTER,
    allowed: EXPECTED_ACCESS.registerResidents,
    status: 201,
    forwarded: { resident: registration() },
    domainError: { code: ErrorCode.RESIDENT_NOT_FOUND, status: 404 },
  },
  {
    name: 'GET /v1/residents',
    request: { method: 'GET', url: '/v1/residents?villageCode=3171011001&status=HIDUP&limit=5&cursor=abc' },
    subject: POPULATION_RESIDENTS_SEARCH,
    allowed: EXPECTED_ACCESS.readResidents,
    status: 200,
    forwarded: { query: { villageCode: '3171011001', status: 'HIDUP', limit: 5, cursor: 'abc' } },
    domainError: { code: ErrorCode.RESIDENT_NOT_FOUND, status: 404 },
  },
  {
    name: 'POST /v1/residents/search',
    request: {
      method: 'POST',
      url: '/v1/residents/search',
      payload: { name: 'Budi', villageCode: '3171011001' },
    },
    subject: POPULATION_RESIDENTS_SEARCH,
    allowed: EXPECTED_ACCESS.readResidents,
    status: 200,
    forwarded: { query: { name: 'Budi', villageCode: '3171011001' } },
    domainError: { code: ErrorCode.RESIDENT_NOT_FOUND, status: 404 },
  },
  {
    name: 'GET /v1/residents/{nik}',
    request: { method: 'GET', url: `/v1/residents/${NIK}` },
    subject: POPULATION_RESIDENTS_GET,
    allowed: EXPECTED_ACCESS.readResidents,
    status: 200,
    forwarded: { nik: NIK },
    domainError: { code: ErrorCode.RESIDENT_NOT_FOUND, status: 404 },
  },
  {
    name: 'PATCH /v1/residents/{nik}',
    request: {
      method: 'PATCH',
      url: `/v1/residents/${NIK}`,
      payload: { occupation: 'Guru', reason: 'Per KTP' },
    },
    subject: POPULATION_RESIDENTS_UPDATE,
    allowed: EXPECTED_ACCESS.correctResidents,
    status: 200,
    forwarded: { nik: NIK, changes: { occupation: 'Guru', reason: 'Per KTP' } },
    domainError: { code: ErrorCode.RESIDENT_NOT_FOUND, status: 404 },
  },
  {
    name: 'GET /v1/residents/{nik}/history',
    request: { method: 'GET', url: `/v1/residents/${NIK}/history` },
    subject: POPULATION_RESIDENTS_HISTORY,
    allowed: EXPECTED_ACCESS.readResidentHistory,
    status: 200,
    forwarded: { nik: NIK },
    domainError: { code: ErrorCode.RESIDENT_NOT_FOUND, status: 404 },
  },
];

describe(ResidentsController.name, () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp();
  });
  afterAll(() => spec.close());
  beforeEach(() => spec.rpc.reset());

  describeEndpointContract(() => spec, ENDPOINTS);

  async function expectInvalid(
    request: InjectOptions,
    errors: Array<{ field: string; code: string }>,
  ): Promise<void> {
    const res = await spec.request({ ...request, as: { roles: [Role.Registrar] } });
    expect(res.statusCode).toBe(400);
    const problem = problemOf(res);
    expect(problem).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, status: 400 });
    const key = (e: { field: string; code: string }) => `${e.field} ${e.code}`;
    const received = (problem.errors as Array<{ field: string; code: string; message: string }>)
      .slice()
      .sort((a, b) => key(a).localeCompare(key(b)));
    const expected = errors.slice().sort((a, b) => key(a).localeCompare(key(b)));
    expect(received).toEqual(expected.map((e) => ({ ...e, message: expect.any(String) })));
    expect(spec.rpc.calls).toHaveLength(0);
  }

  describe('POST /v1/residents validation', () => {
    const post = (payload: Record<string, unknown>): InjectOptions => ({
      method: 'POST',
      url: '/v1/residents',
      payload,
    });

    it('rejects unknown fields, also nested ones', async () => {
      await expectInvalid(post(registration({ isVerified: true })), [
        { field: 'isVerified', code: 'whitelistValidation' },
      ]);
      await expectInvalid(
        post(registration({ address: { ...(registration().address as object), zip: '10110' } })),
        [{ field: 'address.zip', code: 'whitelistValidation' }],
      );
    });

    it('names nested fields by their path', async () => {
      await expectInvalid(
        post(registration({ address: { villageCode: '31710110', rt: '4', rw: '002', street: '' } })),
        [
          { field: 'address.villageCode', code: 'matches' },
          { field: 'address.rt', code: 'matches' },
          { field: 'address.street', code: 'isNotEmpty' },
        ],
      );
    });

    it.each([
      ['31 February', '3171013102450001'],
      ['day 72', '3171017208450001'],
      ['serial 0000', '3171011708450000'],
      ['unknown province', '9971011708450001'],
      ['15 digits', '317101170845000'],
      ['letters', '31710117084500AB'],
    ])('rejects a NIK with %s naming the nik field', async (_case, nik) => {
      await expectInvalid(post(registration({ nik })), [{ field: 'nik', code: 'isNik' }]);
    });

    it('rejects wrong enums, dates and types', async () => {
      await expectInvalid(post(registration({ sex: 'MALE', birthDate: '17-08-1945', fullName: 42 })), [
        { field: 'fullName', code: 'maxLength' },
        { field: 'fullName', code: 'isString' },
        { field: 'birthDate', code: 'matches' },
        { field: 'birthDate', code: 'isDateString' },
        { field: 'sex', code: 'isEnum' },
      ]);
    });

    it('rejects a missing address', async () => {
      const { address: _address, ...rest } = registration();
      await expectInvalid(post(rest), [{ field: 'address', code: 'isObject' }]);
    });

    it('passes 409 NIK_ALREADY_REGISTERED through as problem+json', async () => {
      spec.rpc.answer(POPULATION_RESIDENTS_REGISTER, () => {
        throw new ServiceCallError(
          {
            code: ErrorCode.NIK_ALREADY_REGISTERED,
            status: 409,
            detail: 'A resident with this NIK is already registered',
          },
          POPULATION_RESIDENTS_REGISTER,
        );
      });
      const res = await spec.request({ ...post(registration()), as: { roles: [Role.Registrar] } });
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(res.json()).toEqual({
        type: 'urn:terpadu:problem:nik-already-registered',
        title: 'NIK already registered',
        status: 409,
        detail: 'A resident with this NIK is already registered',
        code: ErrorCode.NIK_ALREADY_REGISTERED,
        errors: [],
        requestId: res.headers['x-request-id'],
      });
    });

    it("passes a service's field errors through unchanged", async () => {
      const errors = [
        {
          field: 'address.villageCode',
          code: 'UNKNOWN_VILLAGE',
          message: 'address.villageCode is not a known village',
        },
      ];
      spec.rpc.answer(POPULATION_RESIDENTS_REGISTER, () => {
        throw new ServiceCallError(
          { code: ErrorCode.VALIDATION_FAILED, status: 400, detail: 'Unknown village', errors },
          POPULATION_RESIDENTS_REGISTER,
        );
      });
      const res = await spec.request({ ...post(registration()), as: { roles: [Role.Registrar] } });
      expect(res.statusCode).toBe(400);
      expect(problemOf(res)).toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        detail: 'Unknown village',
        errors,
      });
    });
  });

  describe('path and query validation', () => {
    it.each<[InjectOptions['method'], string]>([
      ['GET', `/v1/residents/3171013102450001`],
      ['GET', `/v1/residents/not-a-nik/history`],
      ['PATCH', `/v1/residents/123`],
    ])('%s %s answers 400 naming the nik field before asking a service', async (method, url) => {
      await expectInvalid(
        { method, url, payload: method === 'PATCH' ? { reason: 'x', occupation: 'Guru' } : undefined },
        [{ field: 'nik', code: 'isNik' }],
      );
    });

    it('accepts a NIK typed with dots and sends it normalized', async () => {
      spec.rpc.answer(POPULATION_RESIDENTS_GET, () => ({}));
      const res = await spec.request({
        method: 'GET',
        url: '/v1/residents/31.71.01.170845.0001',
        as: { roles: [Role.Registrar] },
      });
      expect(res.statusCode).toBe(200);
      expect(spec.rpc.calls[0].request.nik).toBe(NIK);
    });

    it('refuses a name in the query string: names travel only in the search body', async () => {
      await expectInvalid({ method: 'GET', url: '/v1/residents?name=Budi' }, [
        { field: 'name', code: 'whitelistValidation' },
      ]);
    });

    it('checks the filters and the page size', async () => {
      await expectInvalid({ method: 'GET', url: '/v1/residents?villageCode=31&status=ALIVE&limit=0' }, [
        { field: 'villageCode', code: 'matches' },
        { field: 'status', code: 'isEnum' },
        { field: 'limit', code: 'min' },
      ]);
      await expectInvalid(
        { method: 'POST', url: '/v1/residents/search', payload: { name: 'B', limit: 101 } },
        [
          { field: 'limit', code: 'max' },
          { field: 'name', code: 'matches' },
        ],
      );
    });

    it('requires a reason for a correction and refuses to correct the NIK', async () => {
      await expectInvalid({ method: 'PATCH', url: `/v1/residents/${NIK}`, payload: { occupation: 'Guru' } }, [
        { field: 'reason', code: 'maxLength' },
        { field: 'reason', code: 'isNotEmpty' },
        { field: 'reason', code: 'isString' },
      ]);
      await expectInvalid(
        {
          method: 'PATCH',
          url: `/v1/residents/${NIK}`,
          payload: { nik: '3171015708450001', reason: 'typo' },
        },
        [{ field: 'nik', code: 'whitelistValidation' }],
      );
    });
  });
});
