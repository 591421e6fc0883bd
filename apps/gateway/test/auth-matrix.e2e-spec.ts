import { ErrorCode, Role } from '@terpadu/contracts';
import { EXPECTED_ACCESS } from './access-matrix';
import { registration, rolesExcept } from './fixtures';
import { type ApiResponse, type Platform, startPlatform } from './platform';

/**
 * The auth matrix of every endpoint, end to end: the built gateway and population service over real
 * NATS and PostgreSQL. For each endpoint: no token 401; every role the access policy leaves out
 * 403; an officer whose jurisdiction does not cover the person 404 (403 when registering an address
 * outside it, since there is no person yet); an officer inside it 200/201.
 */
const VILLAGE = '3171011001'; // Jakarta Pusat
const INSIDE = ['3171'];
const OUTSIDE = ['3273']; // Kota Bandung

const RESIDENT = registration({ nik: '3171011708850001', fullName: 'Budi Santoso', birthDate: '1985-08-17' });
const HEAD = registration({ nik: '3171012503800002', fullName: 'Agus Wijaya', birthDate: '1980-03-25' });
const CHILD = registration({
  nik: '3171015512100003',
  fullName: 'Sari Wijaya',
  birthDate: '2010-12-15',
  sex: 'PEREMPUAN',
  maritalStatus: 'BELUM_KAWIN',
});
const NEWCOMER = registration({
  nik: '3171010101900004',
  fullName: 'Dedi Kurniawan',
  birthDate: '1990-01-01',
});
const MISSING_ID = '0b9f6a52-6a43-4c4c-9d2c-2f0a8f4b1c11';

interface Row {
  name: string;
  method: string;
  path: () => string;
  /** A function when the body depends on an earlier row (a card number issued there). */
  body?: unknown;
  allowed: readonly Role[];
  /** What an allowed role outside the jurisdiction gets; undefined where jurisdiction does not apply. */
  outside?: (res: ApiResponse) => void;
  inside: (res: ApiResponse) => void;
}

const state = { familyCard: '' };

const notFound = (code: ErrorCode) => (res: ApiResponse) => {
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe(code);
};
const emptyPage = (res: ApiResponse) => {
  expect(res.status).toBe(200);
  expect(res.body.items).toEqual([]);
};
const niksOf = (res: ApiResponse) => (res.body.items as Array<{ nik: string }>).map((item) => item.nik);

const ROWS: Row[] = [
  {
    name: 'POST /v1/residents',
    method: 'POST',
    path: () => '/v1/residents',
    body: NEWCOMER,
    allowed: EXPECTED_ACCESS.registerResidents,
    outside: (res) => {
      expect(res.status).toBe(403);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'address.villageCode' })]);
    },
    inside: (res) => {
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ nik: NEWCOMER.nik, fullName: 'Dedi Kurniawan', status: 'HIDUP' });
    },
  },
  {
    name: 'GET /v1/residents',
    method: 'GET',
    path: () => `/v1/residents?villageCode=${VILLAGE}&limit=100`,
    allowed: EXPECTED_ACCESS.readResidents,
    outside: emptyPage,
    inside: (res) => {
      expect(res.status).toBe(200);
      expect(niksOf(res)).toEqual(expect.arrayContaining([RESIDENT.nik, HEAD.nik]));
    },
  },
  {
    name: 'POST /v1/residents/search',
    method: 'POST',
    path: () => '/v1/residents/search',
    body: { name: 'santoso' },
    allowed: EXPECTED_ACCESS.readResidents,
    outside: emptyPage,
    inside: (res) => {
      expect(res.status).toBe(200);
      expect(niksOf(res)).toEqual([RESIDENT.nik]);
    },
  },
  {
    name: 'GET /v1/residents/{nik}',
    method: 'GET',
    path: () => `/v1/residents/${RESIDENT.nik as string}`,
    allowed: EXPECTED_ACCESS.readResidents,
    outside: notFound(ErrorCode.RESIDENT_NOT_FOUND),
    inside: (res) => {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ nik: RESIDENT.nik, fullName: 'Budi Santoso' });
    },
  },
  {
    name: 'PATCH /v1/residents/{nik}',
    method: 'PATCH',
    path: () => `/v1/residents/${RESIDENT.nik as string}`,
    body: { occupation: 'Guru', reason: 'Pekerjaan berubah (KTP baru)' },
    allowed: EXPECTED_ACCESS.correctResidents,
    outside: notFound(ErrorCode.RESIDENT_NOT_FOUND),
    inside: (res) => {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ occupation: 'Guru' });
    },
  },
  {
    name: 'GET /v1/residents/{nik}/history',
    method: 'GET',
    path: () => `/v1/residents/${RESIDENT.nik as string}/history`,
    allowed: EXPECTED_ACCESS.readResidentHistory,
    outside: notFound(ErrorCode.RESIDENT_NOT_FOUND),
    inside: (res) => {
      expect(res.status).toBe(200);
      expect((res.body.items as Array<{ kind: string }>).map((item) => item.kind)).toEqual([
        'CORRECTED',
        'REGISTERED',
      ]);
    },
  },
  {
    name: 'POST /v1/family-cards',
    method: 'POST',
    path: () => '/v1/family-cards',
    body: { headNik: HEAD.nik },
    allowed: EXPECTED_ACCESS.changeFamilyCards,
    outside: notFound(ErrorCode.RESIDENT_NOT_FOUND),
    inside: (res) => {
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ headNik: HEAD.nik, number: expect.stringMatching(/^317101\d{10}$/) });
      state.familyCard = res.body.number as string;
    },
  },
  {
    name: 'GET /v1/family-cards/{number}',
    method: 'GET',
    path: () => `/v1/family-cards/${state.familyCard}`,
    allowed: EXPECTED_ACCESS.readFamilyCards,
    outside: notFound(ErrorCode.FAMILY_CARD_NOT_FOUND),
    inside: (res) => {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        number: state.familyCard,
        members: [expect.objectContaining({ nik: HEAD.nik })],
      });
    },
  },
  {
    name: 'POST /v1/family-cards/{number}/members',
    method: 'POST',
    path: () => `/v1/family-cards/${state.familyCard}/members`,
    body: { nik: CHILD.nik, relationship: 'ANAK' },
    allowed: EXPECTED_ACCESS.changeFamilyCards,
    outside: notFound(ErrorCode.FAMILY_CARD_NOT_FOUND),
    inside: (res) => {
      expect(res.status).toBe(201);
      expect((res.body.members as Array<{ nik: string }>).map((m) => m.nik)).toEqual([HEAD.nik, CHILD.nik]);
    },
  },
  {
    name: 'POST /v1/family-cards/{number}/members/{nik}/removal',
    method: 'POST',
    path: () => `/v1/family-cards/${state.familyCard}/members/${CHILD.nik as string}/removal`,
    body: { reason: 'Pindah ikut orang tua lain' },
    allowed: EXPECTED_ACCESS.changeFamilyCards,
    outside: notFound(ErrorCode.FAMILY_CARD_NOT_FOUND),
    inside: (res) => {
      expect(res.status).toBe(200);
      expect((res.body.members as Array<{ nik: string }>).map((m) => m.nik)).toEqual([HEAD.nik]);
    },
  },
  // Life events, in an order that keeps each one meaningful: the child moved out and back, made
  // head, her father split off; a death; a birth that passes auth and jurisdiction to meet a rule.
  {
    name: 'POST /v1/moves/out',
    method: 'POST',
    path: () => '/v1/moves/out',
    body: { nik: CHILD.nik, destinationRegionCode: '3273', movedOn: '2026-01-10', reason: 'Sekolah' },
    allowed: EXPECTED_ACCESS.registerLifeEvents,
    outside: notFound(ErrorCode.RESIDENT_NOT_FOUND),
    inside: (res) => {
      expect(res.status).toBe(201);
      expect(res.body.people).toEqual([expect.objectContaining({ nik: CHILD.nik })]);
    },
  },
  {
    name: 'POST /v1/moves/in',
    method: 'POST',
    path: () => '/v1/moves/in',
    body: () => ({
      people: [{ nik: CHILD.nik, relationship: 'ANAK' }],
      familyCardNumber: state.familyCard,
      movedOn: '2026-02-10',
    }),
    allowed: EXPECTED_ACCESS.registerLifeEvents,
    outside: notFound(ErrorCode.FAMILY_CARD_NOT_FOUND),
    inside: (res) => {
      expect(res.status).toBe(201);
      expect(res.body.people).toEqual([expect.objectContaining({ nik: CHILD.nik, returning: true })]);
    },
  },
  {
    name: 'POST /v1/family-cards/{number}/head',
    method: 'POST',
    path: () => `/v1/family-cards/${state.familyCard}/head`,
    body: { nik: CHILD.nik, previousHeadRelationship: 'ORANG_TUA', reason: 'Ayah merantau' },
    allowed: EXPECTED_ACCESS.changeFamilyCards,
    outside: notFound(ErrorCode.FAMILY_CARD_NOT_FOUND),
    inside: (res) => {
      expect(res.status).toBe(200);
      expect(res.body.headNik).toBe(CHILD.nik);
    },
  },
  {
    name: 'POST /v1/family-cards/{number}/split',
    method: 'POST',
    path: () => `/v1/family-cards/${state.familyCard}/split`,
    body: { members: [{ nik: HEAD.nik, relationship: 'KEPALA_KELUARGA' }], reason: 'Pisah rumah' },
    allowed: EXPECTED_ACCESS.changeFamilyCards,
    outside: notFound(ErrorCode.FAMILY_CARD_NOT_FOUND),
    inside: (res) => {
      expect(res.status).toBe(201);
      expect(res.body.to).toMatchObject({ headNik: HEAD.nik });
    },
  },
  {
    name: 'POST /v1/deaths',
    method: 'POST',
    path: () => '/v1/deaths',
    body: {
      nik: NEWCOMER.nik,
      dateOfDeath: '2026-03-01',
      placeOfDeath: 'Rumah',
      causeCategory: 'SAKIT_BIASA',
      reporter: { name: 'Tetangga', relationship: 'TETANGGA' },
    },
    allowed: EXPECTED_ACCESS.registerLifeEvents,
    outside: notFound(ErrorCode.RESIDENT_NOT_FOUND),
    inside: (res) => {
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        nik: NEWCOMER.nik,
        certificateNumber: expect.stringMatching(/^317101-KM-/),
      });
    },
  },
  {
    name: 'POST /v1/births',
    method: 'POST',
    path: () => '/v1/births',
    body: () => ({
      motherNik: RESIDENT.nik,
      fullName: 'Bayi Uji',
      sex: 'LAKI_LAKI',
      birthDate: '2026-03-02',
      birthTime: '08:00',
      birthPlace: 'Puskesmas Gambir',
      weightGrams: 3000,
      lengthCm: 49,
      familyCardNumber: state.familyCard,
      districtCode: '317101',
    }),
    allowed: EXPECTED_ACCESS.registerLifeEvents,
    // The registering district is outside: there is no person yet, so 403 on districtCode.
    outside: (res) => {
      expect(res.status).toBe(403);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'districtCode' })]);
    },
    // Past auth and jurisdiction, the registry's rules speak: a man cannot be the mother.
    inside: (res) => {
      expect(res.status).toBe(422);
      expect(res.body.code).toBe(ErrorCode.INVALID_PARENT);
    },
  },
  {
    name: 'GET /v1/duplicate-reviews',
    method: 'GET',
    path: () => '/v1/duplicate-reviews?limit=100',
    allowed: EXPECTED_ACCESS.reviewDuplicates,
    outside: emptyPage,
    inside: (res) => {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ items: expect.any(Array), nextCursor: null });
    },
  },
  {
    name: 'POST /v1/duplicate-reviews/{id}/resolve',
    method: 'POST',
    path: () => `/v1/duplicate-reviews/${MISSING_ID}/resolve`,
    body: { resolution: 'DISTINCT', reason: 'Orang berbeda' },
    allowed: EXPECTED_ACCESS.reviewDuplicates,
    outside: notFound(ErrorCode.DUPLICATE_REVIEW_NOT_FOUND),
    inside: notFound(ErrorCode.DUPLICATE_REVIEW_NOT_FOUND),
  },
  {
    name: 'GET /v1/admin/dead-letters',
    method: 'GET',
    path: () => '/v1/admin/dead-letters',
    allowed: EXPECTED_ACCESS.operateDeadLetters,
    inside: (res) => {
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [], unavailable: [] });
    },
  },
  {
    name: 'POST /v1/admin/dead-letters/{id}/replay',
    method: 'POST',
    path: () => `/v1/admin/dead-letters/${MISSING_ID}/replay`,
    allowed: EXPECTED_ACCESS.operateDeadLetters,
    inside: notFound(ErrorCode.DEAD_LETTER_NOT_FOUND),
  },
];

describe('auth matrix through the gateway', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform();
    const registrar = { roles: [Role.Registrar], jurisdiction: ['31'] };
    for (const person of [RESIDENT, HEAD, CHILD]) {
      const res = await platform.call('POST', '/v1/residents', registrar, person);
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => platform?.stop());

  it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const body: unknown = typeof row.body === 'function' ? (row.body as () => unknown)() : row.body;
    const call = (as: Parameters<Platform['call']>[2]) => platform.call(row.method, row.path(), as, body);

    const anonymous = await call(null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe(ErrorCode.UNAUTHENTICATED);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');

    for (const role of rolesExcept(row.allowed)) {
      const denied = await call({ roles: [role], jurisdiction: INSIDE });
      expect({ role, status: denied.status, code: denied.body.code }).toEqual({
        role,
        status: 403,
        code: ErrorCode.FORBIDDEN,
      });
    }

    for (const role of row.allowed) {
      if (row.outside) row.outside(await call({ roles: [role], jurisdiction: OUTSIDE }));
    }
    // Writes succeed once; every allowed role is checked on reads.
    const insiders =
      row.method === 'GET' || row.name.endsWith('/search') ? row.allowed : row.allowed.slice(0, 1);
    for (const role of insiders) row.inside(await call({ roles: [role], jurisdiction: INSIDE }));
  });
});
