import {
  BIRTH_REGISTERED_V1,
  DEATH_REGISTERED_V1,
  ErrorCode,
  FAMILY_CARD_CHANGED_V1,
  parseNik,
  RESIDENT_MOVED_IN_V1,
  RESIDENT_MOVED_OUT_V1,
  RESIDENT_UPDATED_V1,
  ResidentStatus,
  Role,
  STREAMS,
} from '@terpadu/contracts';
import { StreamReader } from '@terpadu/testing';
import { registration } from './fixtures';
import { type Platform, startPlatform } from './platform';

/**
 * Life events end to end: the built gateway and population service on real PostgreSQL and NATS,
 * each event checked where other agencies read it, on the EVT_POPULATION JetStream stream.
 */
const REGISTRAR = { roles: [Role.Registrar], jurisdiction: ['3171'], sub: 'registrar-dewi' };
const VILLAGE = '3171011001';
const ADI = registration({ nik: '3171011403880001', fullName: 'Adi Wibowo', birthDate: '1988-03-14' });
const SARI = registration({
  nik: '3171014707910002',
  fullName: 'Sari Wulandari',
  birthDate: '1991-07-07',
  sex: 'PEREMPUAN',
});
const KAKEK = registration({ nik: '3171010202400003', fullName: 'Kakek Harjo', birthDate: '1940-02-02' });
const NENEK = registration({
  nik: '3171014505450004',
  fullName: 'Nenek Harjo',
  birthDate: '1945-05-05',
  sex: 'PEREMPUAN',
});
const TONO = registration({
  nik: '3171011010000005',
  fullName: 'Tono Harjo',
  birthDate: '2000-10-10',
  maritalStatus: 'BELUM_KAWIN',
});
const ALL_NIKS = [ADI, SARI, KAKEK, NENEK, TONO].map((p) => p.nik as string);

interface Card {
  number: string;
  headNik: string | null;
  needsNewHead: boolean;
  members: Array<{ nik: string; relationship: string }>;
}

describe('life events through the gateway', () => {
  let platform: Platform;
  let stream: StreamReader;
  let adiCard: Card;
  let harjoCard: Card;
  let babyNik: string;

  beforeAll(async () => {
    platform = await startPlatform();
    stream = await StreamReader.connect(platform.nats.url, STREAMS.population);
    for (const person of [ADI, SARI, KAKEK, NENEK, TONO]) {
      expect((await platform.call('POST', '/v1/residents', REGISTRAR, person)).status).toBe(201);
    }
    adiCard = (await platform.call('POST', '/v1/family-cards', REGISTRAR, { headNik: ADI.nik }))
      .body as unknown as Card;
    await platform.call('POST', `/v1/family-cards/${adiCard.number}/members`, REGISTRAR, {
      nik: SARI.nik,
      relationship: 'ISTRI',
    });
    harjoCard = (await platform.call('POST', '/v1/family-cards', REGISTRAR, { headNik: KAKEK.nik }))
      .body as unknown as Card;
    for (const [nik, relationship] of [
      [NENEK.nik, 'ISTRI'],
      [TONO.nik, 'ANAK'],
    ]) {
      await platform.call('POST', `/v1/family-cards/${harjoCard.number}/members`, REGISTRAR, {
        nik,
        relationship,
      });
    }
  });
  afterAll(async () => {
    await stream?.close();
    await platform?.stop();
  });

  const birth = (overrides: Record<string, unknown> = {}) => ({
    motherNik: SARI.nik,
    fatherNik: ADI.nik,
    fullName: 'Putri Wibowo',
    sex: 'PEREMPUAN',
    birthDate: '2026-01-15',
    birthTime: '04:20',
    birthPlace: 'RSUD Tanah Abang',
    weightGrams: 3100,
    lengthCm: 48.5,
    familyCardNumber: adiCard.number,
    districtCode: '317101',
    ...overrides,
  });

  it('registers a birth: the child’s NIK, the card, the certificate, and BIRTH_REGISTERED_V1 on JetStream', async () => {
    const res = await platform.call('POST', '/v1/births', REGISTRAR, birth());
    expect(res.status).toBe(201);
    const child = res.body.child as { id: string; nik: string; familyCard: unknown };
    babyNik = child.nik;
    expect(child.nik).toMatch(/^317101550126\d{4}$/);
    const parsed = parseNik(child.nik, '2026-12-31');
    expect(parsed.ok && parsed.value).toMatchObject({ birthDate: '2026-01-15', sex: 'PEREMPUAN' });
    expect(child.familyCard).toEqual({ number: adiCard.number, relationship: 'ANAK' });
    expect(res.body.certificateNumber).toMatch(/^317101-LU-\d{8}-0001$/);
    expect(res.body.possibleDuplicates).toEqual([]);

    const { event } = await stream.waitFor(BIRTH_REGISTERED_V1, ({ data: d }) => d.birthId === res.body.id);
    expect(event).toMatchObject({
      type: BIRTH_REGISTERED_V1,
      subject: res.body.id,
      source: 'terpadu/population',
    });
    expect(event.data).toEqual({
      birthId: res.body.id,
      certificateNumber: res.body.certificateNumber,
      child: {
        residentId: child.id,
        nik: child.nik,
        fullName: 'Putri Wibowo',
        sex: 'PEREMPUAN',
        birthDate: '2026-01-15',
        birthTime: '04:20',
        birthPlace: 'RSUD Tanah Abang',
        weightGrams: 3100,
        lengthCm: 48.5,
      },
      motherNik: SARI.nik,
      fatherNik: ADI.nik,
      familyCardNumber: adiCard.number,
      villageCode: VILLAGE,
      registeredAt: res.body.registeredAt,
    });
    const card = await platform.call('GET', `/v1/family-cards/${adiCard.number}`, REGISTRAR);
    expect((card.body.members as Card['members']).map((m) => m.nik)).toEqual([ADI.nik, SARI.nik, child.nik]);
  });

  it('refuses births that make no sense, as problem+json, and keeps the front desk out', async () => {
    const man = await platform.call(
      'POST',
      '/v1/births',
      REGISTRAR,
      birth({ motherNik: ADI.nik, fatherNik: undefined }),
    );
    expect(man.status).toBe(422);
    expect(man.headers.get('content-type')).toContain('application/problem+json');
    expect(man.body).toMatchObject({
      code: ErrorCode.INVALID_PARENT,
      errors: [expect.objectContaining({ field: 'motherNik' })],
    });
    const wrongCard = await platform.call(
      'POST',
      '/v1/births',
      REGISTRAR,
      birth({ familyCardNumber: harjoCard.number }),
    );
    expect(wrongCard).toMatchObject({ status: 422, body: { code: ErrorCode.PARENT_NOT_IN_FAMILY_CARD } });
    const heavy = await platform.call('POST', '/v1/births', REGISTRAR, birth({ weightGrams: 12000 }));
    expect(heavy).toMatchObject({ status: 400, body: { code: ErrorCode.VALIDATION_FAILED } });
    const frontDesk = await platform.call(
      'POST',
      '/v1/births',
      { roles: [Role.FrontDesk], jurisdiction: ['3171'] },
      birth(),
    );
    expect(frontDesk).toMatchObject({ status: 403, body: { code: ErrorCode.FORBIDDEN } });
  });

  it('registers the death of a head: MATI, the card needs a new head, DEATH_REGISTERED_V1; twice is 409', async () => {
    const res = await platform.call('POST', '/v1/deaths', REGISTRAR, {
      nik: KAKEK.nik,
      dateOfDeath: '2026-02-01',
      placeOfDeath: 'Rumah',
      causeCategory: 'SAKIT_BIASA',
      reporter: { nik: TONO.nik, relationship: 'ANAK' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ familyCardNumber: harjoCard.number, familyNeedsNewHead: true });
    const { event } = await stream.waitFor(DEATH_REGISTERED_V1, ({ data: d }) => d.deathId === res.body.id);
    expect(event.data).toEqual({
      deathId: res.body.id,
      certificateNumber: res.body.certificateNumber,
      residentId: res.body.residentId,
      nik: KAKEK.nik,
      dateOfDeath: '2026-02-01',
      villageCode: VILLAGE,
      familyCardNumber: harjoCard.number,
      familyNeedsNewHead: true,
      registeredAt: res.body.registeredAt,
    });
    await stream.waitFor(
      RESIDENT_UPDATED_V1,
      ({ data: d }) => d.nik === KAKEK.nik && d.status === ResidentStatus.Mati,
    );
    const card = await platform.call('GET', `/v1/family-cards/${harjoCard.number}`, REGISTRAR);
    expect(card.body).toMatchObject({ headNik: null, needsNewHead: true });
    const person = await platform.call('GET', `/v1/residents/${KAKEK.nik as string}`, REGISTRAR);
    expect(person.body).toMatchObject({ status: 'MATI', familyCard: null });

    const again = await platform.call('POST', '/v1/deaths', REGISTRAR, {
      nik: KAKEK.nik,
      dateOfDeath: '2026-02-01',
      placeOfDeath: 'Rumah',
      causeCategory: 'SAKIT_BIASA',
      reporter: { name: 'Tono', relationship: 'ANAK' },
    });
    expect(again).toMatchObject({ status: 409, body: { code: ErrorCode.DEATH_ALREADY_REGISTERED } });
    const early = await platform.call('POST', '/v1/deaths', REGISTRAR, {
      nik: TONO.nik,
      dateOfDeath: '1999-01-01',
      placeOfDeath: 'Rumah',
      causeCategory: 'KECELAKAAN',
      reporter: { name: 'Nenek', relationship: 'ORANG_TUA' },
    });
    expect(early).toMatchObject({ status: 422, body: { code: ErrorCode.DEATH_BEFORE_BIRTH } });
    const moveDeceased = await platform.call('POST', '/v1/moves/out', REGISTRAR, {
      nik: KAKEK.nik,
      destinationRegionCode: '32',
      movedOn: '2026-02-02',
      reason: 'x',
    });
    expect(moveDeceased).toMatchObject({ status: 422, body: { code: ErrorCode.RESIDENT_DECEASED } });
  });

  it('names the widow head of the card, then splits the son off into his own card', async () => {
    const head = await platform.call('POST', `/v1/family-cards/${harjoCard.number}/head`, REGISTRAR, {
      nik: NENEK.nik,
      reason: 'Suami meninggal',
    });
    expect(head.status).toBe(200);
    expect(head.body).toMatchObject({ headNik: NENEK.nik, needsNewHead: false });
    await stream.waitFor(
      FAMILY_CARD_CHANGED_V1,
      ({ data: d }) =>
        d.familyCardNumber === harjoCard.number && d.change === 'HEAD_CHANGED' && d.headNik === NENEK.nik,
    );

    const split = await platform.call('POST', `/v1/family-cards/${harjoCard.number}/split`, REGISTRAR, {
      members: [{ nik: TONO.nik, relationship: 'KEPALA_KELUARGA' }],
      reason: 'Mandiri',
    });
    expect(split.status).toBe(201);
    const to = split.body.to as Card;
    expect(to).toMatchObject({
      headNik: TONO.nik,
      members: [{ nik: TONO.nik, relationship: 'KEPALA_KELUARGA' }],
    });
    expect((split.body.from as Card).members.map((m) => m.nik)).toEqual([NENEK.nik]);
    await stream.waitFor(
      FAMILY_CARD_CHANGED_V1,
      ({ data: d }) => d.familyCardNumber === to.number && d.change === 'CREATED',
    );
  });

  it('moves the son out (RESIDENT_MOVED_OUT_V1), refuses his death here, and takes him back (RESIDENT_MOVED_IN_V1)', async () => {
    const out = await platform.call('POST', '/v1/moves/out', REGISTRAR, {
      nik: TONO.nik,
      destinationRegionCode: '3273',
      movedOn: '2026-03-01',
      reason: 'Pekerjaan',
    });
    expect(out.status).toBe(201);
    expect(out.body.familyCardClosed).toBe(true);
    const { event: movedOut } = await stream.waitFor(
      RESIDENT_MOVED_OUT_V1,
      ({ data: d }) => d.moveId === out.body.id,
    );
    expect(movedOut.data).toMatchObject({
      nik: TONO.nik,
      fromVillageCode: VILLAGE,
      destinationRegionCode: '3273',
      movedOn: '2026-03-01',
    });
    const death = await platform.call('POST', '/v1/deaths', REGISTRAR, {
      nik: TONO.nik,
      dateOfDeath: '2026-03-05',
      placeOfDeath: 'Bandung',
      causeCategory: 'KECELAKAAN',
      reporter: { name: 'Nenek', relationship: 'ORANG_TUA' },
    });
    expect(death).toMatchObject({ status: 422, body: { code: ErrorCode.RESIDENT_MOVED_OUT } });

    const back = await platform.call('POST', '/v1/moves/in', REGISTRAR, {
      people: [{ nik: TONO.nik, relationship: 'ANAK' }],
      familyCardNumber: harjoCard.number,
      originRegionCode: '3273',
      movedOn: '2026-04-01',
    });
    expect(back.status).toBe(201);
    expect(back.body.people).toEqual([expect.objectContaining({ nik: TONO.nik, returning: true })]);
    const { event: movedIn } = await stream.waitFor(
      RESIDENT_MOVED_IN_V1,
      ({ data: d }) => d.moveId === back.body.id,
    );
    expect(movedIn.data).toMatchObject({
      nik: TONO.nik,
      familyCardNumber: harjoCard.number,
      relationship: 'ANAK',
      originRegionCode: '3273',
      movedOn: '2026-04-01',
    });
    const person = await platform.call('GET', `/v1/residents/${TONO.nik as string}`, REGISTRAR);
    expect(person.body).toMatchObject({
      status: 'HIDUP',
      familyCard: { number: harjoCard.number, relationship: 'ANAK' },
    });
  });

  it('surfaces a duplicate registration and resolves it as DUPLICATE through the review queue', async () => {
    const twin = registration({
      nik: '3171015501260009',
      fullName: 'Putri  WIBOWO',
      birthDate: '2026-01-15',
      sex: 'PEREMPUAN',
      maritalStatus: 'BELUM_KAWIN',
    });
    const res = await platform.call('POST', '/v1/residents', REGISTRAR, twin);
    expect(res.status).toBe(201);
    const [found] = res.body.possibleDuplicates as Array<{
      reviewId: string;
      nik: string;
      reasons: string[];
    }>;
    expect(found).toMatchObject({ nik: babyNik, reasons: ['SAME_NAME_AND_BIRTH_DATE'] });

    const queue = await platform.call('GET', '/v1/duplicate-reviews?status=OPEN', REGISTRAR);
    expect(queue.status).toBe(200);
    expect((queue.body.items as Array<{ id: string }>).map((r) => r.id)).toContain(found.reviewId);
    const village = await platform.call('GET', '/v1/duplicate-reviews', {
      roles: [Role.VillageHead],
      jurisdiction: ['3171'],
    });
    expect(village.status).toBe(403);

    const resolved = await platform.call(
      'POST',
      `/v1/duplicate-reviews/${found.reviewId}/resolve`,
      REGISTRAR,
      {
        resolution: 'DUPLICATE',
        keepResidentId: (await platform.call('GET', `/v1/residents/${babyNik}`, REGISTRAR)).body.id,
        reason: 'Didaftarkan dua kali',
      },
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'DUPLICATE', deactivatedResidentId: res.body.id });
    const { event: updated } = await stream.waitFor(
      RESIDENT_UPDATED_V1,
      ({ data: d }) => d.residentId === res.body.id && d.changedFields.includes('deactivated'),
    );
    expect(updated.data.deactivation).toEqual({
      deactivatedAt: expect.any(String),
      duplicateOfResidentId: resolved.body.keptResidentId,
    });
    const again = await platform.call('POST', `/v1/duplicate-reviews/${found.reviewId}/resolve`, REGISTRAR, {
      resolution: 'DISTINCT',
      reason: 'x',
    });
    expect(again).toMatchObject({ status: 409, body: { code: ErrorCode.DUPLICATE_REVIEW_ALREADY_RESOLVED } });
  });

  it('never writes a NIK or a name into the gateway’s logs', () => {
    const output = platform.gateway.output();
    for (const nik of [...ALL_NIKS, babyNik]) expect(output).not.toContain(nik);
    expect(output).not.toMatch(/Wibowo|Harjo|Wulandari/);
  });
});
