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
import type { InjectOptions } from 'fastify';
import { EXPECTED_ACCESS } from '../../test/access-matrix';
import { describeEndpointContract, type Endpoint } from '../../test/endpoint-contract';
import { createSpecApp, problemOf, type SpecApp } from '../../test/spec-app';

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

/** Every health route of the gateway: who may call it, what the health service receives. */
const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /v1/immunizations',
    request: { method: 'POST', url: '/v1/immunizations', payload: DOSE },
    subject: HEALTH_IMMUNIZATIONS_RECORD,
    allowed: EXPECTED_ACCESS.writeHealthRecords,
    status: 201,
    forwarded: { immunization: DOSE },
    domainError: { code: ErrorCode.IMMUNIZATION_TOO_EARLY, status: 422 },
  },
  {
    name: 'GET /v1/residents/{nik}/immunizations',
    request: { method: 'GET', url: `/v1/residents/${NIK}/immunizations` },
    subject: HEALTH_IMMUNIZATIONS_GET,
    allowed: EXPECTED_ACCESS.readHealthRecords,
    status: 200,
    forwarded: { nik: NIK },
    domainError: { code: ErrorCode.IMMUNIZATION_TOO_EARLY, status: 422 },
  },
  {
    name: 'POST /v1/pregnancies',
    request: {
      method: 'POST',
      url: '/v1/pregnancies',
      payload: { motherNik: NIK, expectedDeliveryDate: '2027-05-01' },
    },
    subject: HEALTH_PREGNANCIES_REGISTER,
    allowed: EXPECTED_ACCESS.writeHealthRecords,
    status: 201,
    forwarded: { pregnancy: { motherNik: NIK, expectedDeliveryDate: '2027-05-01' } },
    domainError: { code: ErrorCode.IMMUNIZATION_TOO_EARLY, status: 422 },
  },
  {
    name: 'POST /v1/pregnancies/{id}/anc-visits',
    request: {
      method: 'POST',
      url: `/v1/pregnancies/${PREGNANCY}/anc-visits`,
      payload: { visitedOn: '2026-12-01', facility: 'Posyandu', gestationalWeeks: 12 },
    },
    subject: HEALTH_PREGNANCIES_RECORD_VISIT,
    allowed: EXPECTED_ACCESS.writeHealthRecords,
    status: 201,
    forwarded: {
      pregnancyId: PREGNANCY,
      visit: { visitedOn: '2026-12-01', facility: 'Posyandu', gestationalWeeks: 12 },
    },
    domainError: { code: ErrorCode.PREGNANCY_NOT_FOUND, status: 404 },
  },
  {
    name: 'POST /v1/pregnancies/{id}/delivery',
    request: {
      method: 'POST',
      url: `/v1/pregnancies/${PREGNANCY}/delivery`,
      payload: { deliveredOn: '2026-12-01', facility: 'RSUD', outcome: 'LIVE_BIRTH' },
    },
    subject: HEALTH_PREGNANCIES_RECORD_DELIVERY,
    allowed: EXPECTED_ACCESS.writeHealthRecords,
    status: 200,
    forwarded: {
      pregnancyId: PREGNANCY,
      delivery: { deliveredOn: '2026-12-01', facility: 'RSUD', outcome: 'LIVE_BIRTH' },
    },
    domainError: { code: ErrorCode.PREGNANCY_NOT_FOUND, status: 404 },
  },
  {
    name: 'GET /v1/residents/{nik}/pregnancies',
    request: { method: 'GET', url: `/v1/residents/${NIK}/pregnancies` },
    subject: HEALTH_PREGNANCIES_LIST,
    allowed: EXPECTED_ACCESS.readHealthRecords,
    status: 200,
    forwarded: { nik: NIK },
    domainError: { code: ErrorCode.IMMUNIZATION_TOO_EARLY, status: 422 },
  },
  {
    name: 'POST /v1/checkups',
    request: { method: 'POST', url: '/v1/checkups', payload: CHECKUP },
    subject: HEALTH_CHECKUPS_RECORD,
    allowed: EXPECTED_ACCESS.writeHealthRecords,
    status: 201,
    forwarded: { checkup: CHECKUP },
    domainError: { code: ErrorCode.IMMUNIZATION_TOO_EARLY, status: 422 },
  },
  {
    name: 'GET /v1/residents/{nik}/checkups',
    request: { method: 'GET', url: `/v1/residents/${NIK}/checkups` },
    subject: HEALTH_CHECKUPS_LIST,
    allowed: EXPECTED_ACCESS.readHealthRecords,
    status: 200,
    forwarded: { nik: NIK },
    domainError: { code: ErrorCode.IMMUNIZATION_TOO_EARLY, status: 422 },
  },
  {
    name: 'PUT /v1/residents/{nik}/insurance',
    request: { method: 'PUT', url: `/v1/residents/${NIK}/insurance`, payload: MEMBERSHIP },
    subject: HEALTH_INSURANCE_SET,
    allowed: EXPECTED_ACCESS.writeHealthRecords,
    status: 200,
    forwarded: { nik: NIK, membership: MEMBERSHIP },
    domainError: { code: ErrorCode.IMMUNIZATION_TOO_EARLY, status: 422 },
  },
  {
    name: 'GET /v1/residents/{nik}/insurance',
    request: { method: 'GET', url: `/v1/residents/${NIK}/insurance` },
    subject: HEALTH_INSURANCE_GET,
    allowed: EXPECTED_ACCESS.readHealthRecords,
    status: 200,
    forwarded: { nik: NIK },
    domainError: { code: ErrorCode.IMMUNIZATION_TOO_EARLY, status: 422 },
  },
];

describe('health routes', () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp();
  });
  afterAll(() => spec.close());
  beforeEach(() => spec.rpc.reset());

  describeEndpointContract(() => spec, ENDPOINTS);

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
