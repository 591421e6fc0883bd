import {
  ErrorCode,
  type FieldError,
  POPULATION_LETTERS_DRAFT,
  POPULATION_LETTERS_GET,
  POPULATION_LETTERS_PDF,
  POPULATION_LETTERS_REVOKE,
  POPULATION_LETTERS_SEARCH,
  POPULATION_LETTERS_SIGN,
  POPULATION_LETTERS_VERIFY,
  Role,
} from '@terpadu/contracts';
import { ServiceCallError } from '@terpadu/messaging';
import type { InjectOptions } from 'fastify';
import { EXPECTED_ACCESS } from '../../test/access-matrix';
import { rolesExcept } from '../../test/fixtures';
import { createSpecApp, NOW, problemOf, SpecClock, type SpecApp } from '../../test/spec-app';
import { LettersController } from './letters.controller';

const ID = '6f1c2a8e-1b2d-4c3e-9f4a-5b6c7d8e9f01';
const NIK = '3174095204900001';
const CODE = 'K7Q2M4XW9PZRT3HVB6YDNC5JFA8GLE2S';
const DRAFT = { residentNik: NIK, type: 'SKTM', purpose: 'Beasiswa' };

interface Endpoint {
  name: string;
  request: InjectOptions;
  subject: string;
  allowed: readonly Role[];
  status: number;
  forwarded: Record<string, unknown>;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /v1/letters',
    request: { method: 'POST', url: '/v1/letters', payload: DRAFT },
    subject: POPULATION_LETTERS_DRAFT,
    allowed: EXPECTED_ACCESS.draftLetters,
    status: 201,
    forwarded: { letter: DRAFT },
  },
  {
    name: 'GET /v1/letters',
    request: { method: 'GET', url: '/v1/letters?villageCode=3174091005&status=SIGNED&type=SKTM&limit=5' },
    subject: POPULATION_LETTERS_SEARCH,
    allowed: EXPECTED_ACCESS.readLetters,
    status: 200,
    forwarded: { query: { villageCode: '3174091005', status: 'SIGNED', type: 'SKTM', limit: 5 } },
  },
  {
    name: 'POST /v1/letters/search',
    request: { method: 'POST', url: '/v1/letters/search', payload: { residentNik: NIK } },
    subject: POPULATION_LETTERS_SEARCH,
    allowed: EXPECTED_ACCESS.readLetters,
    status: 200,
    forwarded: { query: { residentNik: NIK } },
  },
  {
    name: 'GET /v1/letters/{id}',
    request: { method: 'GET', url: `/v1/letters/${ID}` },
    subject: POPULATION_LETTERS_GET,
    allowed: EXPECTED_ACCESS.readLetters,
    status: 200,
    forwarded: { id: ID },
  },
  {
    name: 'POST /v1/letters/{id}/sign',
    request: { method: 'POST', url: `/v1/letters/${ID}/sign`, payload: { signerName: 'H. Ahmad Fauzi' } },
    subject: POPULATION_LETTERS_SIGN,
    allowed: EXPECTED_ACCESS.signLetters,
    status: 200,
    forwarded: { id: ID, signing: { signerName: 'H. Ahmad Fauzi' } },
  },
  {
    name: 'POST /v1/letters/{id}/revoke',
    request: { method: 'POST', url: `/v1/letters/${ID}/revoke`, payload: { reason: 'Salah data' } },
    subject: POPULATION_LETTERS_REVOKE,
    allowed: EXPECTED_ACCESS.signLetters,
    status: 200,
    forwarded: { id: ID, revocation: { reason: 'Salah data' } },
  },
];

describe(LettersController.name, () => {
  let spec: SpecApp;
  let now = NOW.getTime();
  beforeAll(async () => {
    spec = await createSpecApp(
      { RATE_LIMIT_PER_MINUTE: '0', VERIFY_RATE_LIMIT_PER_MINUTE: '3' },
      { clock: new SpecClock(() => new Date(now)) },
    );
  });
  afterAll(() => spec.close());
  beforeEach(() => spec.rpc.reset());

  describe.each(ENDPOINTS)('$name', (endpoint) => {
    it('answers 401 without a token', async () => {
      const res = await spec.request({ ...endpoint.request, as: null });
      expect(res.statusCode).toBe(401);
      expect(problemOf(res).code).toBe(ErrorCode.UNAUTHENTICATED);
    });

    it('answers 403 to every other role', async () => {
      for (const role of rolesExcept(endpoint.allowed)) {
        const res = await spec.request({ ...endpoint.request, as: { roles: [role] } });
        expect({ role, status: res.statusCode }).toEqual({ role, status: 403 });
      }
      expect(spec.rpc.calls).toHaveLength(0);
    });

    it('forwards the request with the actor and answers with the service’s answer', async () => {
      spec.rpc.answer(endpoint.subject, () => ({ id: ID }));
      for (const role of endpoint.allowed) {
        spec.rpc.reset();
        spec.rpc.answer(endpoint.subject, () => ({ id: ID }));
        const res = await spec.request({
          ...endpoint.request,
          as: { roles: [role], sub: 'u-1', jurisdiction: ['317409'] },
        });
        expect(res.statusCode).toBe(endpoint.status);
        expect(res.json()).toEqual({ id: ID });
        expect(spec.rpc.calls).toEqual([
          {
            subject: endpoint.subject,
            request: {
              actor: { sub: 'u-1', roles: [role], jurisdiction: ['317409'], requestId: expect.any(String) },
              ...endpoint.forwarded,
            },
          },
        ]);
      }
    });
  });

  it('passes the service’s refusals through as problem+json', async () => {
    const cases: Array<[string, InjectOptions, ErrorCode, number, Role]> = [
      [POPULATION_LETTERS_SIGN, ENDPOINTS[4].request, ErrorCode.LETTER_NOT_DRAFT, 409, Role.VillageHead],
      [POPULATION_LETTERS_REVOKE, ENDPOINTS[5].request, ErrorCode.LETTER_NOT_SIGNED, 409, Role.VillageHead],
      [POPULATION_LETTERS_DRAFT, ENDPOINTS[0].request, ErrorCode.RESIDENT_NOT_ACTIVE, 422, Role.FrontDesk],
      [POPULATION_LETTERS_GET, ENDPOINTS[3].request, ErrorCode.LETTER_NOT_FOUND, 404, Role.Auditor],
    ];
    for (const [subject, request, code, status, role] of cases) {
      spec.rpc.answer(subject, () => {
        throw new ServiceCallError({ code, status, detail: 'refused' }, subject);
      });
      const res = await spec.request({ ...request, as: { roles: [role] } });
      expect({ code: problemOf(res).code, status: res.statusCode }).toEqual({ code, status });
    }
  });

  it('checks ids, bodies and queries before asking a service; a NIK is refused in the query string', async () => {
    const invalid = async (request: InjectOptions, role: Role, field: string) => {
      const res = await spec.request({ ...request, as: { roles: [role] } });
      expect(res.statusCode).toBe(400);
      const errors = problemOf(res).errors as FieldError[];
      expect(new Set(errors.map((e) => e.field))).toEqual(new Set([field]));
    };
    await invalid({ method: 'GET', url: '/v1/letters/not-a-uuid' }, Role.Registrar, 'id');
    await invalid({ method: 'GET', url: `/v1/letters?residentNik=${NIK}` }, Role.Registrar, 'residentNik');
    await invalid(
      { method: 'POST', url: '/v1/letters', payload: { ...DRAFT, type: 'X' } },
      Role.FrontDesk,
      'type',
    );
    await invalid(
      { method: 'POST', url: '/v1/letters', payload: { ...DRAFT, type: 'BUSINESS_DOMICILE' } },
      Role.FrontDesk,
      'business',
    );
    await invalid(
      { method: 'POST', url: `/v1/letters/${ID}/sign`, payload: {} },
      Role.VillageHead,
      'signerName',
    );
    await invalid(
      { method: 'POST', url: `/v1/letters/${ID}/revoke`, payload: {} },
      Role.VillageHead,
      'reason',
    );
    expect(spec.rpc.calls).toHaveLength(0);
  });

  describe('GET /v1/letters/{id}/pdf', () => {
    it('answers the PDF bytes as application/pdf, inline with the file name', async () => {
      const bytes = Buffer.from('%PDF-1.7 test bytes \u0000\u00ff', 'latin1');
      spec.rpc.answer(POPULATION_LETTERS_PDF, () => ({
        fileName: '470-0001-SKTM-3174091005-2026.pdf',
        contentBase64: bytes.toString('base64'),
      }));
      const res = await spec.request({
        method: 'GET',
        url: `/v1/letters/${ID}/pdf`,
        as: { roles: [Role.VillageHead] },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe('inline; filename="470-0001-SKTM-3174091005-2026.pdf"');
      expect(res.rawPayload.equals(bytes)).toBe(true);
      expect(spec.rpc.calls.map((c) => c.subject)).toEqual([POPULATION_LETTERS_PDF]);
    });

    it('answers 403 to roles that may not read letters', async () => {
      for (const role of rolesExcept(EXPECTED_ACCESS.readLetters)) {
        const res = await spec.request({
          method: 'GET',
          url: `/v1/letters/${ID}/pdf`,
          as: { roles: [role] },
        });
        expect({ role, status: res.statusCode }).toEqual({ role, status: 403 });
      }
    });
  });

  describe('GET /v1/letters/verify/{code}', () => {
    const verify = (ip: string, code = CODE) =>
      spec.request({ method: 'GET', url: `/v1/letters/verify/${code}`, remoteAddress: ip, as: null });

    it('needs no token and forwards only the code and the request id', async () => {
      spec.rpc.answer(POPULATION_LETTERS_VERIFY, () => ({ status: 'VALID', holderName: 'Sit* Nur*' }));
      const res = await verify('10.1.0.1');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'VALID', holderName: 'Sit* Nur*' });
      expect(spec.rpc.calls).toEqual([
        {
          subject: POPULATION_LETTERS_VERIFY,
          request: { code: CODE, requestId: res.headers['x-request-id'] },
        },
      ]);
    });

    it('passes LETTER_NOT_FOUND through as 404; a code with other characters is a 400', async () => {
      spec.rpc.answer(POPULATION_LETTERS_VERIFY, () => {
        throw new ServiceCallError(
          { code: ErrorCode.LETTER_NOT_FOUND, status: 404, detail: 'No letter has this verification code' },
          POPULATION_LETTERS_VERIFY,
        );
      });
      expect((await verify('10.1.0.2')).statusCode).toBe(404);
      expect((await verify('10.1.0.2', 'abc%24def')).statusCode).toBe(400);
    });

    it('has its own, stricter per-address limit (VERIFY_RATE_LIMIT_PER_MINUTE) even with the global limit off', async () => {
      spec.rpc.answer(POPULATION_LETTERS_VERIFY, () => ({ status: 'VALID' }));
      for (let i = 0; i < 3; i++) expect((await verify('10.1.0.3')).statusCode).toBe(200);
      const limited = await verify('10.1.0.3');
      expect(limited.statusCode).toBe(429);
      expect(problemOf(limited).code).toBe(ErrorCode.RATE_LIMITED);
      expect(limited.headers['retry-after']).toBe('20');
      expect((await verify('10.1.0.4')).statusCode).toBe(200);
      // Other routes follow the global setting (off here).
      spec.rpc.answer(POPULATION_LETTERS_GET, () => ({ id: ID }));
      for (let i = 0; i < 10; i++) {
        const res = await spec.request({
          method: 'GET',
          url: `/v1/letters/${ID}`,
          remoteAddress: '10.1.0.3',
          as: { roles: [Role.Auditor] },
        });
        expect(res.statusCode).toBe(200);
      }
      now += 20_000;
      expect((await verify('10.1.0.3')).statusCode).toBe(200);
      expect((await verify('10.1.0.3')).statusCode).toBe(429);
    });
  });
});
