import {
  ErrorCode,
  POPULATION_FAMILY_CARDS_ADD_MEMBER,
  POPULATION_FAMILY_CARDS_CHANGE_HEAD,
  POPULATION_FAMILY_CARDS_CREATE,
  POPULATION_FAMILY_CARDS_GET,
  POPULATION_FAMILY_CARDS_REMOVE_MEMBER,
  POPULATION_FAMILY_CARDS_SPLIT,
  Role,
} from '@terpadu/contracts';
import { ServiceCallError } from '@terpadu/messaging';
import type { InjectOptions } from 'fastify';
import { TimeoutError } from 'rxjs';
import { EXPECTED_ACCESS } from '../../test/access-matrix';
import { rolesExcept } from '../../test/fixtures';
import { createSpecApp, problemOf, type SpecApp } from '../../test/spec-app';
import { FamilyCardsController } from './family-cards.controller';

const KK = '3171011708200001';
const HEAD = '3171011708450001';
const CHILD = '3171015203100002';

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
    name: 'POST /v1/family-cards',
    request: { method: 'POST', url: '/v1/family-cards', payload: { headNik: HEAD } },
    subject: POPULATION_FAMILY_CARDS_CREATE,
    allowed: EXPECTED_ACCESS.changeFamilyCards,
    status: 201,
    forwarded: { card: { headNik: HEAD } },
  },
  {
    name: 'GET /v1/family-cards/{number}',
    request: { method: 'GET', url: `/v1/family-cards/${KK}` },
    subject: POPULATION_FAMILY_CARDS_GET,
    allowed: EXPECTED_ACCESS.readFamilyCards,
    status: 200,
    forwarded: { number: KK },
  },
  {
    name: 'POST /v1/family-cards/{number}/members',
    request: {
      method: 'POST',
      url: `/v1/family-cards/${KK}/members`,
      payload: { nik: CHILD, relationship: 'ANAK' },
    },
    subject: POPULATION_FAMILY_CARDS_ADD_MEMBER,
    allowed: EXPECTED_ACCESS.changeFamilyCards,
    status: 201,
    forwarded: { number: KK, member: { nik: CHILD, relationship: 'ANAK' } },
  },
  {
    name: 'POST /v1/family-cards/{number}/members/{nik}/removal',
    request: {
      method: 'POST',
      url: `/v1/family-cards/${KK}/members/${CHILD}/removal`,
      payload: { reason: 'Menikah, pisah KK' },
    },
    subject: POPULATION_FAMILY_CARDS_REMOVE_MEMBER,
    allowed: EXPECTED_ACCESS.changeFamilyCards,
    status: 200,
    forwarded: { number: KK, nik: CHILD, removal: { reason: 'Menikah, pisah KK' } },
  },
  {
    name: 'POST /v1/family-cards/{number}/split',
    request: {
      method: 'POST',
      url: `/v1/family-cards/${KK}/split`,
      payload: { members: [{ nik: CHILD, relationship: 'KEPALA_KELUARGA' }], reason: 'Menikah' },
    },
    subject: POPULATION_FAMILY_CARDS_SPLIT,
    allowed: EXPECTED_ACCESS.changeFamilyCards,
    status: 201,
    forwarded: {
      number: KK,
      split: { members: [{ nik: CHILD, relationship: 'KEPALA_KELUARGA' }], reason: 'Menikah' },
    },
  },
  {
    name: 'POST /v1/family-cards/{number}/head',
    request: {
      method: 'POST',
      url: `/v1/family-cards/${KK}/head`,
      payload: { nik: CHILD, previousHeadRelationship: 'ORANG_TUA', reason: 'Ayah sepuh' },
    },
    subject: POPULATION_FAMILY_CARDS_CHANGE_HEAD,
    allowed: EXPECTED_ACCESS.changeFamilyCards,
    status: 200,
    forwarded: {
      number: KK,
      change: { nik: CHILD, previousHeadRelationship: 'ORANG_TUA', reason: 'Ayah sepuh' },
    },
  },
];

describe(FamilyCardsController.name, () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp();
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

    it('forwards the request with the actor and answers with the card', async () => {
      spec.rpc.answer(endpoint.subject, () => ({ number: KK }));
      const res = await spec.request({
        ...endpoint.request,
        as: { roles: [endpoint.allowed[0]], sub: 'reg-1', jurisdiction: ['317101'] },
      });
      expect(res.statusCode).toBe(endpoint.status);
      expect(res.json()).toEqual({ number: KK });
      expect(spec.rpc.calls).toEqual([
        {
          subject: endpoint.subject,
          request: {
            actor: {
              sub: 'reg-1',
              roles: [endpoint.allowed[0]],
              jurisdiction: ['317101'],
              requestId: expect.any(String),
            },
            ...endpoint.forwarded,
          },
        },
      ]);
    });

    it('passes FAMILY_CARD_NOT_FOUND, timeouts and unavailability through', async () => {
      const cases: Array<[unknown, number, ErrorCode]> = [
        [
          new ServiceCallError(
            { code: ErrorCode.FAMILY_CARD_NOT_FOUND, status: 404, detail: 'No such family card' },
            endpoint.subject,
          ),
          404,
          ErrorCode.FAMILY_CARD_NOT_FOUND,
        ],
        [ServiceCallError.from(new TimeoutError(), endpoint.subject, 5000), 504, ErrorCode.UPSTREAM_TIMEOUT],
        [
          ServiceCallError.from(new Error('no responders'), endpoint.subject, 5000),
          503,
          ErrorCode.SERVICE_UNAVAILABLE,
        ],
      ];
      for (const [error, status, code] of cases) {
        spec.rpc.answer(endpoint.subject, () => {
          throw error;
        });
        const res = await spec.request({ ...endpoint.request, as: { roles: [endpoint.allowed[0]] } });
        expect(res.statusCode).toBe(status);
        expect(problemOf(res).code).toBe(code);
      }
    });
  });

  async function expectInvalid(
    request: InjectOptions,
    errors: Array<{ field: string; code: string }>,
  ): Promise<void> {
    const res = await spec.request({ ...request, as: { roles: [Role.Registrar] } });
    expect(res.statusCode).toBe(400);
    const problem = problemOf(res);
    expect(problem.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(problem.errors).toEqual(errors.map((e) => ({ ...e, message: expect.any(String) })));
    expect(spec.rpc.calls).toHaveLength(0);
  }

  it('checks the card number and the NIK in the path before asking a service', async () => {
    await expectInvalid({ method: 'GET', url: '/v1/family-cards/12345' }, [
      { field: 'number', code: 'matches' },
    ]);
    await expectInvalid(
      {
        method: 'POST',
        url: `/v1/family-cards/31710117082000AA/members`,
        payload: { nik: CHILD, relationship: 'ANAK' },
      },
      [{ field: 'number', code: 'matches' }],
    );
    await expectInvalid(
      {
        method: 'POST',
        url: `/v1/family-cards/${KK}/members/3171013102100002/removal`,
        payload: { reason: 'x' },
      },
      [{ field: 'nik', code: 'isNik' }],
    );
  });

  it('validates the bodies', async () => {
    await expectInvalid(
      { method: 'POST', url: '/v1/family-cards', payload: { headNik: HEAD, address: {} } },
      [{ field: 'address', code: 'whitelistValidation' }],
    );
    await expectInvalid(
      { method: 'POST', url: '/v1/family-cards', payload: { headNik: '3171011708450000' } },
      [{ field: 'headNik', code: 'isNik' }],
    );
    await expectInvalid(
      {
        method: 'POST',
        url: `/v1/family-cards/${KK}/members`,
        payload: { nik: CHILD, relationship: 'KEPALA_KELUARGA' },
      },
      [{ field: 'relationship', code: 'notEquals' }],
    );
    await expectInvalid(
      {
        method: 'POST',
        url: `/v1/family-cards/${KK}/members`,
        payload: { nik: CHILD, relationship: 'SEPUPU' },
      },
      [{ field: 'relationship', code: 'isEnum' }],
    );
    await expectInvalid(
      { method: 'POST', url: `/v1/family-cards/${KK}/members/${CHILD}/removal`, payload: { reason: '' } },
      [{ field: 'reason', code: 'isNotEmpty' }],
    );
  });

  it('validates splits and head changes', async () => {
    await expectInvalid(
      { method: 'POST', url: `/v1/family-cards/${KK}/split`, payload: { members: [], reason: 'x' } },
      [{ field: 'members', code: 'arrayMinSize' }],
    );
    await expectInvalid(
      {
        method: 'POST',
        url: `/v1/family-cards/${KK}/split`,
        payload: { members: [{ nik: '3171013102100002', relationship: 'ANAK' }], reason: 'x' },
      },
      [{ field: 'members.0.nik', code: 'isNik' }],
    );
    await expectInvalid(
      {
        method: 'POST',
        url: `/v1/family-cards/${KK}/head`,
        payload: { nik: CHILD, previousHeadRelationship: 'MANTAN', reason: 'x' },
      },
      [{ field: 'previousHeadRelationship', code: 'isEnum' }],
    );
  });

  it('has no DELETE route for members: removal is a POST with a reason', async () => {
    const res = await spec.request({
      method: 'DELETE',
      url: `/v1/family-cards/${KK}/members/${CHILD}`,
      as: { roles: [Role.Registrar] },
    });
    expect(res.statusCode).toBe(404);
    expect(problemOf(res).code).toBe(ErrorCode.ROUTE_NOT_FOUND);
  });
});
