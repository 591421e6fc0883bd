import {
  ErrorCode,
  HEALTH_CHECKUPS_LIST,
  HEALTH_CHECKUPS_RECORD,
  HEALTH_IMMUNIZATIONS_GET,
  HEALTH_IMMUNIZATIONS_RECORD,
  HEALTH_INSURANCE_GET,
  HEALTH_INSURANCE_SET,
  HEALTH_PREGNANCIES_LIST,
  HEALTH_PREGNANCIES_RECORD_DELIVERY,
  HEALTH_PREGNANCIES_RECORD_VISIT,
  HEALTH_PREGNANCIES_REGISTER,
  Role,
} from '@terpadu/contracts';
import { ServiceCallError } from '@terpadu/messaging';
import type { InjectOptions } from 'fastify';
import { rolesExcept } from '../../test/fixtures';
import { createSpecApp, problemOf, type SpecApp } from '../../test/spec-app';
import { ACCESS } from '../auth/access-policy';

const NIK = '3174045511260001';
const PREGNANCY = '6f1c1f5e-4a8a-4c4b-9b55-1d2f1c0a9e01';
const DOSE = {
  nik: NIK,
  vaccine: 'BCG',
  dose: 1,
  givenOn: '2026-12-20',
  facility: 'Posyandu Melati',
  batch: 'B-1',
};
const CHECKUP = {
  nik: NIK,
  checkedOn: '2026-12-20',
  facility: 'Puskesmas',
  kind: 'GENERAL',
  icd10Code: 'J06.9',
};
const MEMBERSHIP = { number: '0001234567890', class: 3, pbi: true, activeFrom: '2026-01-01' };

interface Endpoint {
  name: string;
  request: InjectOptions;
  subject: string;
  allowed: readonly Role[];
  status: number;
  forwarded: Record<string, unknown>;
}

/** Every health route of the gateway: who may call it, what the health service receives. */
const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /v1/immunizations',
    request: { method: 'POST', url: '/v1/immunizations', payload: DOSE },
    subject: HEALTH_IMMUNIZATIONS_RECORD,
    allowed: ACCESS.writeHealthRecords,
    status: 201,
    forwarded: { immunization: DOSE },
  },
  {
    name: 'GET /v1/residents/{nik}/immunizations',
    request: { method: 'GET', url: `/v1/residents/${NIK}/immunizations` },
    subject: HEALTH_IMMUNIZATIONS_GET,
    allowed: ACCESS.readHealthRecords,
    status: 200,
    forwarded: { nik: NIK },
  },
  {
    name: 'POST /v1/pregnancies',
    request: {
      method: 'POST',
      url: '/v1/pregnancies',
      payload: { motherNik: NIK, expectedDeliveryDate: '2027-05-01' },
    },
    subject: HEALTH_PREGNANCIES_REGISTER,
    allowed: ACCESS.writeHealthRecords,
    status: 201,
    forwarded: { pregnancy: { motherNik: NIK, expectedDeliveryDate: '2027-05-01' } },
  },
  {
    name: 'POST /v1/pregnancies/{id}/anc-visits',
    request: {
      method: 'POST',
      url: `/v1/pregnancies/${PREGNANCY}/anc-visits`,
      payload: { visitedOn: '2026-12-01', facility: 'Posyandu', gestationalWeeks: 12 },
    },
    subject: HEALTH_PREGNANCIES_RECORD_VISIT,
    allowed: ACCESS.writeHealthRecords,
    status: 201,
    forwarded: {
      pregnancyId: PREGNANCY,
      visit: { visitedOn: '2026-12-01', facility: 'Posyandu', gestationalWeeks: 12 },
    },
  },
  {
    name: 'POST /v1/pregnancies/{id}/delivery',
    request: {
      method: 'POST',
      url: `/v1/pregnancies/${PREGNANCY}/delivery`,
      payload: { deliveredOn: '2026-12-01', facility: 'RSUD', outcome: 'LIVE_BIRTH' },
    },
    subject: HEALTH_PREGNANCIES_RECORD_DELIVERY,
    allowed: ACCESS.writeHealthRecords,
    status: 200,
    forwarded: {
      pregnancyId: PREGNANCY,
      delivery: { deliveredOn: '2026-12-01', facility: 'RSUD', outcome: 'LIVE_BIRTH' },
    },
  },
  {
    name: 'GET /v1/residents/{nik}/pregnancies',
    request: { method: 'GET', url: `/v1/residents/${NIK}/pregnancies` },
    subject: HEALTH_PREGNANCIES_LIST,
    allowed: ACCESS.readHealthRecords,
    status: 200,
    forwarded: { nik: NIK },
  },
  {
    name: 'POST /v1/checkups',
    request: { method: 'POST', url: '/v1/checkups', payload: CHECKUP },
    subject: HEALTH_CHECKUPS_RECORD,
    allowed: ACCESS.writeHealthRecords,
    status: 201,
    forwarded: { checkup: CHECKUP },
  },
  {
    name: 'GET /v1/residents/{nik}/checkups',
    request: { method: 'GET', url: `/v1/residents/${NIK}/checkups` },
    subject: HEALTH_CHECKUPS_LIST,
    allowed: ACCESS.readHealthRecords,
    status: 200,
    forwarded: { nik: NIK },
  },
  {
    name: 'PUT /v1/residents/{nik}/insurance',
    request: { method: 'PUT', url: `/v1/residents/${NIK}/insurance`, payload: MEMBERSHIP },
    subject: HEALTH_INSURANCE_SET,
    allowed: ACCESS.writeHealthRecords,
    status: 200,
    forwarded: { nik: NIK, membership: MEMBERSHIP },
  },
  {
    name: 'GET /v1/residents/{nik}/insurance',
    request: { method: 'GET', url: `/v1/residents/${NIK}/insurance` },
    subject: HEALTH_INSURANCE_GET,
    allowed: ACCESS.readHealthRecords,
    status: 200,
    forwarded: { nik: NIK },
  },
];

describe('health routes', () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp();
  });
  afterAll(() => spec.close());
  beforeEach(() => spec.rpc.reset());

  it('lets health workers write health records, and health workers and admins read the details', () => {
    expect(ACCESS.writeHealthRecords).toEqual([Role.HealthWorker]);
    expect([...ACCESS.readHealthRecords].sort()).toEqual([Role.Admin, Role.HealthWorker]);
  });

  describe.each(ENDPOINTS)('$name', (endpoint) => {
    it('answers 401 without a token and 403 to every other role, asking no service', async () => {
      expect((await spec.request({ ...endpoint.request, as: null })).statusCode).toBe(401);
      for (const role of rolesExcept(endpoint.allowed)) {
        const res = await spec.request({ ...endpoint.request, as: { roles: [role] } });
        expect({ role, status: res.statusCode }).toEqual({ role, status: 403 });
      }
      expect(spec.rpc.calls).toHaveLength(0);
    });

    it('forwards the request with the actor and answers with the result', async () => {
      spec.rpc.answer(endpoint.subject, () => ({ answered: endpoint.subject }));
      for (const role of endpoint.allowed) {
        const res = await spec.request({
          ...endpoint.request,
          as: { roles: [role], sub: `user-${role}`, jurisdiction: ['3174'] },
        });
        expect({ role, status: res.statusCode, body: res.json() }).toEqual({
          role,
          status: endpoint.status,
          body: { answered: endpoint.subject },
        });
      }
      expect(spec.rpc.calls[0]).toEqual({
        subject: endpoint.subject,
        request: {
          actor: {
            sub: `user-${endpoint.allowed[0]}`,
            roles: [endpoint.allowed[0]],
            jurisdiction: ['3174'],
            requestId: expect.any(String),
          },
          ...endpoint.forwarded,
        },
      });
    });

    it("passes the health service's refusal through as problem+json", async () => {
      spec.rpc.answer(endpoint.subject, () => {
        throw new ServiceCallError(
          {
            code: ErrorCode.IMMUNIZATION_TOO_EARLY,
            status: 422,
            detail: 'BCG is given from 0 days of age',
            errors: [
              { field: 'givenOn', code: 'minimumAge', message: 'givenOn must be on or after 2026-11-29' },
            ],
          },
          endpoint.subject,
        );
      });
      const res = await spec.request({ ...endpoint.request, as: { roles: [...endpoint.allowed] } });
      expect(res.statusCode).toBe(422);
      expect(problemOf(res)).toMatchObject({
        type: 'urn:terpadu:problem:immunization-too-early',
        title: 'Too early for this dose',
        code: ErrorCode.IMMUNIZATION_TOO_EARLY,
        errors: [{ field: 'givenOn', code: 'minimumAge', message: 'givenOn must be on or after 2026-11-29' }],
      });
    });
  });

  describe('validation before any service is asked', () => {
    const invalid = async (request: InjectOptions, fields: string[]) => {
      const res = await spec.request({ ...request, as: { roles: [Role.HealthWorker] } });
      expect(res.statusCode).toBe(400);
      const errors = problemOf(res).errors as Array<{ field: string }>;
      expect([...new Set(errors.map((e) => e.field))].sort()).toEqual(fields.sort());
      expect(spec.rpc.calls).toHaveLength(0);
    };

    it('checks a dose: NIK, vaccine code, dose number, calendar date, facility and batch', async () => {
      await invalid(
        {
          method: 'POST',
          url: '/v1/immunizations',
          payload: {
            nik: '123',
            vaccine: 'bcg',
            dose: 0,
            givenOn: '2026-02-30',
            facility: '',
            batch: 'x'.repeat(51),
          },
        },
        ['batch', 'dose', 'facility', 'givenOn', 'nik', 'vaccine'],
      );
    });

    it('checks pregnancy ids, ICD-10 codes, JKN numbers and classes, and NIKs in paths', async () => {
      await invalid(
        {
          method: 'POST',
          url: '/v1/pregnancies/not-a-uuid/anc-visits',
          payload: { visitedOn: '2026-12-01', facility: 'P' },
        },
        ['id'],
      );
      await invalid({ method: 'POST', url: '/v1/checkups', payload: { ...CHECKUP, icd10Code: 'j06.9' } }, [
        'icd10Code',
      ]);
      await invalid(
        {
          method: 'PUT',
          url: `/v1/residents/${NIK}/insurance`,
          payload: { ...MEMBERSHIP, number: '12345', class: 4 },
        },
        ['class', 'number'],
      );
      await invalid({ method: 'GET', url: '/v1/residents/3174043102260001/immunizations' }, ['nik']);
    });
  });
});
