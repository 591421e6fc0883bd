import { ErrorCode, Role } from '@terpadu/contracts';
import { registration } from './fixtures';
import { type Platform, startPlatform } from './platform';

/**
 * A registrar's day through the gateway, end to end against the built population service: register,
 * find, correct, keep a family card, and the errors on the way, each answered as problem+json.
 */
const REGISTRAR = { roles: [Role.Registrar], jurisdiction: ['3171'], sub: 'registrar-siti' };
const BUDI = registration({ nik: '3171011708850001', fullName: 'Budi Santoso', birthDate: '1985-08-17' });
const ANI = registration({
  nik: '3171014406900002',
  fullName: 'Ani Lestari',
  birthDate: '1990-06-04',
  sex: 'PEREMPUAN',
});
const RINA = registration({
  nik: '3171015512150003',
  fullName: 'Rina Santoso',
  birthDate: '2015-12-15',
  sex: 'PEREMPUAN',
  maritalStatus: 'BELUM_KAWIN',
});
const ALL_NIKS = [BUDI.nik, ANI.nik, RINA.nik] as string[];

describe('resident flow through the gateway', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({ LOG_LEVEL: 'info' });
  });
  afterAll(() => platform?.stop());

  it('registers residents and refuses a second registration of a NIK with 409 problem+json', async () => {
    for (const person of [BUDI, ANI, RINA]) {
      const res = await platform.call('POST', '/v1/residents', REGISTRAR, person);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ nik: person.nik, status: 'HIDUP', reviewFlags: [], warnings: [] });
    }
    const again = await platform.call('POST', '/v1/residents', REGISTRAR, BUDI);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(again.body).toMatchObject({
      type: 'urn:terpadu:problem:nik-already-registered',
      title: 'NIK already registered',
      status: 409,
      code: ErrorCode.NIK_ALREADY_REGISTERED,
      requestId: again.headers.get('x-request-id'),
    });
  });

  it('accepts a NIK whose encoded birth date disagrees, with a review flag, and warns about an unknown regency', async () => {
    const flagged = await platform.call(
      'POST',
      '/v1/residents',
      REGISTRAR,
      registration({ nik: '3100011708850007', fullName: 'Joko Prasetyo', birthDate: '1985-08-18' }),
    );
    expect(flagged.status).toBe(201);
    expect(flagged.body.warnings).toEqual(['UNKNOWN_REGENCY']);
    expect(flagged.body.reviewFlags).toEqual([expect.objectContaining({ code: 'NIK_BIRTH_DATE_MISMATCH' })]);
  });

  it.each([
    ['31 February', '3171013102850001'],
    ['day 72', '3171017208850001'],
    ['serial 0000', '3171011708850000'],
    ['unknown province', '9971011708850001'],
  ])('answers a NIK with %s with 400 naming the nik field', async (_case, nik) => {
    const res = await platform.call('POST', '/v1/residents', REGISTRAR, registration({ nik }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: [expect.objectContaining({ field: 'nik' })],
    });
  });

  it('lists a village page by page and searches names in the body', async () => {
    const first = await platform.call('GET', '/v1/residents?villageCode=3171011001&limit=2', REGISTRAR);
    expect(first.status).toBe(200);
    expect((first.body.items as unknown[]).length).toBe(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await platform.call(
      'GET',
      `/v1/residents?villageCode=3171011001&limit=2&cursor=${encodeURIComponent(first.body.nextCursor as string)}`,
      REGISTRAR,
    );
    expect(second.status).toBe(200);
    const seen = [
      ...(first.body.items as Array<{ nik: string }>),
      ...(second.body.items as Array<{ nik: string }>),
    ].map((r) => r.nik);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ALL_NIKS));

    const found = await platform.call('POST', '/v1/residents/search', REGISTRAR, { name: 'SANTOSO' });
    expect((found.body.items as Array<{ nik: string }>).map((r) => r.nik).sort()).toEqual(
      [BUDI.nik, RINA.nik].sort(),
    );
  });

  it('corrects a record with a reason and keeps the change in the history', async () => {
    const corrected = await platform.call('PATCH', `/v1/residents/${BUDI.nik as string}`, REGISTRAR, {
      fullName: 'Budi Santosa',
      reason: 'Salah ketik nama, sesuai KTP',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.fullName).toBe('Budi Santosa');
    const history = await platform.call('GET', `/v1/residents/${BUDI.nik as string}/history`, REGISTRAR);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        kind: 'CORRECTED',
        changedBy: 'registrar-siti',
        reason: 'Salah ketik nama, sesuai KTP',
        changes: [{ field: 'fullName', from: 'Budi Santoso', to: 'Budi Santosa' }],
      }),
      expect.objectContaining({ kind: 'REGISTERED' }),
    ]);
  });

  it('keeps a family card: head, members, a head that cannot leave, and membership history', async () => {
    const card = await platform.call('POST', '/v1/family-cards', REGISTRAR, { headNik: BUDI.nik });
    expect(card.status).toBe(201);
    const number = card.body.number as string;
    expect(
      (
        await platform.call('POST', `/v1/family-cards/${number}/members`, REGISTRAR, {
          nik: ANI.nik,
          relationship: 'ISTRI',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await platform.call('POST', `/v1/family-cards/${number}/members`, REGISTRAR, {
          nik: RINA.nik,
          relationship: 'ANAK',
        })
      ).status,
    ).toBe(201);

    const twice = await platform.call('POST', '/v1/family-cards', REGISTRAR, { headNik: ANI.nik });
    expect(twice).toMatchObject({ status: 409, body: { code: ErrorCode.ALREADY_IN_FAMILY_CARD } });
    const headLeaves = await platform.call(
      'POST',
      `/v1/family-cards/${number}/members/${BUDI.nik as string}/removal`,
      REGISTRAR,
      {
        reason: 'Pindah',
      },
    );
    expect(headLeaves).toMatchObject({ status: 422, body: { code: ErrorCode.HEAD_CANNOT_LEAVE } });

    const removed = await platform.call(
      'POST',
      `/v1/family-cards/${number}/members/${RINA.nik as string}/removal`,
      REGISTRAR,
      {
        reason: 'Ikut nenek, pisah KK',
      },
    );
    expect(removed.status).toBe(200);
    const current = await platform.call('GET', `/v1/family-cards/${number}`, REGISTRAR);
    expect(
      (current.body.members as Array<{ nik: string; relationship: string }>).map((m) => [
        m.nik,
        m.relationship,
      ]),
    ).toEqual([
      [BUDI.nik, 'KEPALA_KELUARGA'],
      [ANI.nik, 'ISTRI'],
    ]);
    expect(current.body.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          nik: RINA.nik,
          leaveReason: 'Ikut nenek, pisah KK',
          leftAt: expect.any(String),
        }),
      ]),
    );
    const person = await platform.call('GET', `/v1/residents/${ANI.nik as string}`, REGISTRAR);
    expect(person.body.familyCard).toEqual({ number, relationship: 'ISTRI' });
  });

  it('never writes a NIK or a name into its logs', () => {
    const output = platform.gateway.output();
    expect(output).toContain('/v1/residents/:redacted');
    for (const nik of ALL_NIKS) expect(output).not.toContain(nik);
    expect(output).not.toMatch(/Santos|Lestari/);
  });

  it('answers 503 SERVICE_UNAVAILABLE when the population service is down, and stays live', async () => {
    await platform.services.get('population').stop();
    const res = await platform.call('GET', `/v1/residents/${BUDI.nik as string}`, REGISTRAR);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE });
    expect((await fetch(`${platform.gateway.url}/health/live`)).status).toBe(200);
  });

  it('shuts down gracefully on SIGTERM: closes NATS and exits 0', async () => {
    await expect(platform.gateway.stop('SIGTERM')).resolves.toBe(0);
    const lines = platform.gateway.output().split('\n');
    const stopping = lines.findIndex((line) => line.includes('"msg":"stopping"'));
    expect(stopping).toBeGreaterThanOrEqual(0);
    expect(lines.slice(stopping).some((line) => line.includes('"msg":"stopped"'))).toBe(true);
  });
});
