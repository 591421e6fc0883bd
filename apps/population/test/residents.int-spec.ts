import {
  ErrorCode,
  NikWarningCode,
  POPULATION_RESIDENTS_GET,
  POPULATION_RESIDENTS_HISTORY,
  POPULATION_RESIDENTS_REGISTER,
  POPULATION_RESIDENTS_SEARCH,
  POPULATION_RESIDENTS_UPDATE,
  type RegisteredResidentView,
  ResidentStatus,
  ReviewFlagCode,
  type SearchResidentsDto,
  Sex,
} from '@terpadu/contracts';
import { ResidentsService } from '../src/residents/residents.service';
import { registrar, residentDto, VILLAGE_A, VILLAGE_B, VILLAGE_OUTSIDE } from './builders';
import { type PopulationTestApp, startPopulationApp } from './population-app';
import { nikFor } from '@terpadu/testing';

describe(`${ResidentsService.name} over NATS`, () => {
  let t: PopulationTestApp;
  const actor = registrar();

  beforeAll(async () => {
    t = await startPopulationApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const register = (overrides: Parameters<typeof residentDto>[0] = {}) =>
    t.send(POPULATION_RESIDENTS_REGISTER, { actor, resident: residentDto(overrides) });

  describe('register', () => {
    it('registers a person with a NIK and answers the record, its NIK warnings and no review flags', async () => {
      const dto = residentDto({ birthDate: '1945-08-17', fullName: '  Siti   Aminah ', sex: Sex.Female });
      const view = await t.send(POPULATION_RESIDENTS_REGISTER, { actor, resident: dto });

      expect(view).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        nik: dto.nik,
        fullName: 'Siti Aminah',
        birthPlace: 'Jakarta',
        birthDate: '1945-08-17',
        sex: Sex.Female,
        religion: dto.religion,
        maritalStatus: dto.maritalStatus,
        occupation: 'Petani',
        educationLevel: dto.educationLevel,
        address: dto.address,
        status: ResidentStatus.Hidup,
        familyCard: null,
        reviewFlags: [],
        deactivation: null,
        warnings: [],
        possibleDuplicates: [],
        createdAt: t.clock.now().toISOString(),
        updatedAt: t.clock.now().toISOString(),
      });
      await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: dto.nik })).resolves.toMatchObject({
        id: view.id,
        birthDate: '1945-08-17',
      });
    });

    it('stores the birth date as an SQL date and reads back the same calendar day', async () => {
      const view = await register({ birthDate: '2000-01-01' });
      const rows = await t.dataSource.query<{ birth_date: string; type: string }[]>(
        `SELECT birth_date::text AS birth_date, pg_typeof(birth_date)::text AS type FROM residents WHERE id = $1`,
        [view.id],
      );
      expect(rows).toEqual([{ birth_date: '2000-01-01', type: 'date' }]);
      await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: view.nik })).resolves.toMatchObject({
        birthDate: '2000-01-01',
      });
    });

    it('strips the spaces and dots people type into a NIK', async () => {
      const nik = nikFor('1990-05-02', Sex.Male);
      const typed = `${nik.slice(0, 2)}.${nik.slice(2, 4)}.${nik.slice(4, 6)} ${nik.slice(6, 12)} ${nik.slice(12)}`;
      const view = await register({ nik: typed, birthDate: '1990-05-02' });
      expect(view.nik).toBe(nik);
    });

    it.each([
      ['31 February', '3174043102900001'],
      ['day 72', '3174047201900001'],
      ['day 35 (between the ranges)', '3174043501900001'],
      ['29 February of a non-leap year', '3174042902010001'],
      ['month 13', '3174041513900001'],
      ['serial 0000', '3174041708850000'],
      ['an unknown province', '9974041708850001'],
      ['a letter', '317404170885000X'],
      ['15 digits', '317404170885001'],
    ])('answers VALIDATION_FAILED 400 naming `nik` for %s', async (_label, nik) => {
      const error = await t.rpcError(POPULATION_RESIDENTS_REGISTER, {
        actor,
        resident: { ...residentDto(), nik },
      });
      expect(error).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, status: 400 });
      expect(error.errors?.map((e) => e.field)).toEqual(['nik']);
    });

    it('warns about an unknown regency or district and still registers', async () => {
      const regency00 = await register({
        nik: nikFor('1985-08-17', Sex.Male, '310001'),
        birthDate: '1985-08-17',
      });
      expect(regency00.warnings).toEqual([NikWarningCode.UnknownRegency]);
      const district00 = await register({
        nik: nikFor('1985-08-17', Sex.Male, '317400'),
        birthDate: '1985-08-17',
      });
      expect(district00.warnings).toEqual([NikWarningCode.UnknownDistrict]);
    });

    it('accepts a NIK whose encoded birth date and sex disagree with the record, with review flags', async () => {
      const nik = nikFor('1985-08-17', Sex.Male);
      const view = await register({ nik, birthDate: '1985-08-18', sex: Sex.Female });
      expect(view.reviewFlags.map((f) => f.code)).toEqual([
        ReviewFlagCode.NikBirthDateMismatch,
        ReviewFlagCode.NikSexMismatch,
      ]);
      expect(view.reviewFlags.every((f) => f.message.length > 0)).toBe(true);
    });

    it('answers NIK_ALREADY_REGISTERED 409 for a NIK already in the registry', async () => {
      const first = await register();
      const error = await t.rpcError(POPULATION_RESIDENTS_REGISTER, {
        actor,
        resident: { ...residentDto(), nik: first.nik },
      });
      expect(error).toMatchObject({ code: ErrorCode.NIK_ALREADY_REGISTERED, status: 409 });
    });

    it('lets exactly one of several concurrent registrations of one NIK win', async () => {
      const dto = residentDto();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, () => t.send(POPULATION_RESIDENTS_REGISTER, { actor, resident: dto })),
      );
      const won = outcomes.filter(
        (o): o is PromiseFulfilledResult<RegisteredResidentView> => o.status === 'fulfilled',
      );
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.map((o) => (o.reason as { body: { code: string } }).body.code)).toEqual(
        Array(5).fill(ErrorCode.NIK_ALREADY_REGISTERED),
      );
      const [{ count }] = await t.dataSource.query<{ count: string }[]>(
        `SELECT count(*) FROM residents WHERE nik = $1`,
        [dto.nik],
      );
      expect(count).toBe('1');
    });

    it('refuses a birth date after today (the registry clock) with VALIDATION_FAILED on birthDate', async () => {
      // 2026-11-30 10:00 in Jakarta: tomorrow is 2026-12-01; today itself is accepted.
      const tomorrow = await t.rpcError(POPULATION_RESIDENTS_REGISTER, {
        actor,
        resident: residentDto({ birthDate: '2026-12-01' }),
      });
      expect(tomorrow).toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        status: 400,
        errors: [expect.objectContaining({ field: 'birthDate' })],
      });
      await expect(register({ birthDate: '2026-11-30' })).resolves.toMatchObject({
        birthDate: '2026-11-30',
        reviewFlags: [],
      });
    });

    it('uses the registry time zone for today: 01:00 in Jakarta is already the next day', async () => {
      t.clock.set('2026-11-30T18:00:00.000Z'); // 2026-12-01 01:00 WIB
      try {
        await expect(register({ birthDate: '2026-12-01' })).resolves.toMatchObject({
          birthDate: '2026-12-01',
          reviewFlags: [],
        });
      } finally {
        t.clock.set('2026-11-30T03:00:00.000Z');
      }
    });

    it('refuses an address outside the caller jurisdiction with FORBIDDEN 403 on address.villageCode', async () => {
      const dto = residentDto();
      const error = await t.rpcError(POPULATION_RESIDENTS_REGISTER, {
        actor,
        resident: { ...dto, address: { ...dto.address, villageCode: VILLAGE_OUTSIDE } },
      });
      expect(error).toMatchObject({
        code: ErrorCode.FORBIDDEN,
        status: 403,
        errors: [expect.objectContaining({ field: 'address.villageCode' })],
      });
    });

    it('rejects unknown and missing fields by their path', async () => {
      const dto = residentDto();
      const unknown = await t.rpcError(POPULATION_RESIDENTS_REGISTER, {
        actor,
        resident: { ...dto, address: { ...dto.address, villageCode: '31740410' }, extra: 1 } as typeof dto,
      });
      expect(unknown.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(unknown.errors?.map((e) => e.field).sort()).toEqual(['address.villageCode', 'extra']);
      const { fullName: _omitted, ...withoutName } = dto;
      const missing = await t.rpcError(POPULATION_RESIDENTS_REGISTER, {
        actor,
        resident: withoutName as typeof dto,
      });
      expect(missing.errors?.map((e) => e.field)).toContain('fullName');
    });

    it.each([
      ['missing', undefined],
      ['null', null],
      ['a string', 'Jl. Kenanga'],
      ['an array', []],
    ])('answers an address that is %s as VALIDATION_FAILED on address', async (_label, address) => {
      const error = await t.rpcError(POPULATION_RESIDENTS_REGISTER, {
        actor,
        resident: { ...residentDto(), address } as never,
      });
      expect(error).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, status: 400 });
      expect(error.errors?.map((e) => e.field)).toContain('address');
    });

    it('answers text PostgreSQL cannot store (NUL) as VALIDATION_FAILED on the field, never a failure', async () => {
      await expect(
        t.rpcError(POPULATION_RESIDENTS_REGISTER, {
          actor,
          resident: residentDto({ fullName: 'Budi\u0000Santoso' }),
        }),
      ).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'fullName' })],
      });
      const dto = residentDto();
      await expect(
        t.rpcError(POPULATION_RESIDENTS_REGISTER, {
          actor,
          resident: { ...dto, address: { ...dto.address, street: 'Jl.\u0000' } },
        }),
      ).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'address.street' })],
      });
      await expect(
        t.rpcError(POPULATION_RESIDENTS_SEARCH, { actor, query: { name: 'bu\u0000di' } }),
      ).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'name' })],
      });
      await expect(
        t.rpcError(POPULATION_RESIDENTS_REGISTER, {
          actor: registrar({ sub: 'x\u0000' }),
          resident: residentDto(),
        }),
      ).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'sub' })],
      });
    });

    it('takes a 150-character name whose search form is longer (NFKC expands ligatures)', async () => {
      const view = await register({ fullName: '\ufb03'.repeat(150) });
      expect(view.fullName).toHaveLength(150);
      const page = await t.send(POPULATION_RESIDENTS_SEARCH, {
        actor,
        query: { name: 'FFIFFI', limit: 100 },
      });
      expect(page.items.map((r) => r.id)).toContain(view.id);
    });

    it('answers a registration without a resident as VALIDATION_FAILED, not a failure', async () => {
      const error = await t.rpcError(POPULATION_RESIDENTS_REGISTER, { actor } as never);
      expect(error).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, status: 400 });
    });

    it('writes nothing when the registration fails (no resident, no history, no event)', async () => {
      const count = async () =>
        t.dataSource.query<{ residents: string; changes: string; outbox: string }[]>(
          `SELECT (SELECT count(*) FROM residents) AS residents, (SELECT count(*) FROM resident_changes) AS changes,
                  (SELECT count(*) FROM outbox) AS outbox`,
        );
      const existing = await register();
      const before = await count();
      await t.rpcError(POPULATION_RESIDENTS_REGISTER, {
        actor,
        resident: { ...residentDto(), nik: existing.nik },
      });
      await expect(count()).resolves.toEqual(before);
    });
  });

  describe('get and jurisdiction', () => {
    it('answers a resident outside the caller jurisdiction as RESIDENT_NOT_FOUND 404, like a missing one', async () => {
      const view = await register();
      const outsider = registrar({ jurisdiction: ['3201'] });
      await expect(
        t.rpcError(POPULATION_RESIDENTS_GET, { actor: outsider, nik: view.nik }),
      ).resolves.toMatchObject({
        code: ErrorCode.RESIDENT_NOT_FOUND,
        status: 404,
      });
      await expect(
        t.rpcError(POPULATION_RESIDENTS_GET, { actor: registrar({ jurisdiction: [] }), nik: view.nik }),
      ).resolves.toMatchObject({
        code: ErrorCode.RESIDENT_NOT_FOUND,
      });
      await expect(
        t.rpcError(POPULATION_RESIDENTS_GET, { actor, nik: nikFor('1970-01-01', Sex.Male) }),
      ).resolves.toMatchObject({
        code: ErrorCode.RESIDENT_NOT_FOUND,
        status: 404,
      });
      // A village-level jurisdiction sees its own village only.
      await expect(
        t.send(POPULATION_RESIDENTS_GET, { actor: registrar({ jurisdiction: [VILLAGE_A] }), nik: view.nik }),
      ).resolves.toMatchObject({
        id: view.id,
      });
      await expect(
        t.rpcError(POPULATION_RESIDENTS_GET, {
          actor: registrar({ jurisdiction: [VILLAGE_B] }),
          nik: view.nik,
        }),
      ).resolves.toMatchObject({
        code: ErrorCode.RESIDENT_NOT_FOUND,
      });
    });

    it('answers an invalid NIK in a lookup as VALIDATION_FAILED on nik', async () => {
      const error = await t.rpcError(POPULATION_RESIDENTS_GET, { actor, nik: '3174043102900001' });
      expect(error).toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'nik' })],
      });
    });

    it('records every read in the access log with who, what, whose and the request id, never the NIK', async () => {
      const view = await register();
      await t.send(POPULATION_RESIDENTS_GET, {
        actor: registrar({ sub: 'auditor-7', requestId: 'req-42' }),
        nik: view.nik,
      });
      const rows = await t.dataSource.query<Record<string, unknown>[]>(
        `SELECT actor_sub, action, resident_ids, request_id, row_to_json(l)::text AS raw
           FROM data_access_log l WHERE $1 = ANY(resident_ids) ORDER BY id`,
        [view.id],
      );
      expect(rows.map((r) => [r.actor_sub, r.action, r.request_id])).toEqual([
        ['registrar-1', 'RESIDENT_REGISTER', 'req-test'],
        ['auditor-7', 'RESIDENT_READ', 'req-42'],
      ]);
      expect(rows[1].resident_ids).toEqual([view.id]);
      expect(rows.every((r) => !String(r.raw).includes(view.nik))).toBe(true);
    });
  });

  describe('search', () => {
    let registered: RegisteredResidentView[];

    beforeAll(async () => {
      const names = ['Ahmad Yani', 'Dewi Sartika', 'Sutan Sjahrir', 'Cut Nyak Dien', 'Ki Hajar Dewantara'];
      registered = [];
      for (let i = 0; i < 25; i++) {
        t.clock.advance(1000);
        registered.push(
          await register({
            fullName: `${names[i % names.length]} ${String.fromCharCode(65 + i)}`,
            address: {
              villageCode: i % 2 === 0 ? VILLAGE_A : VILLAGE_B,
              rt: '001',
              rw: '001',
              street: 'Jl. Merdeka',
            },
          }),
        );
      }
      // Someone registered elsewhere by another regency's registrar: never in our results.
      await t.send(POPULATION_RESIDENTS_REGISTER, {
        actor: registrar({ jurisdiction: ['3201'] }),
        resident: residentDto({
          fullName: 'Ahmad Outside',
          address: { villageCode: VILLAGE_OUTSIDE, rt: '001', rw: '001', street: 'Jl. Bogor' },
        }),
      });
    });

    const walk = async (query: Omit<SearchResidentsDto, 'cursor'>, a = actor) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await t.send(POPULATION_RESIDENTS_SEARCH, {
          actor: a,
          query: { ...query, ...(cursor ? { cursor } : {}) },
        });
        expect(page.items.length).toBeLessThanOrEqual(query.limit ?? 20);
        ids.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 100);
      return { ids, pages };
    };

    it('walks every page of a village without gaps or duplicates', async () => {
      const { ids, pages } = await walk({ villageCode: VILLAGE_B, limit: 4 });
      const expected = registered.filter((r) => r.address.villageCode === VILLAGE_B).map((r) => r.id);
      expect(ids).toHaveLength(expected.length);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expected); // registration order
      expect(pages).toBe(Math.ceil(expected.length / 4));
    });

    it('sees only the caller jurisdiction', async () => {
      const { ids } = await walk({ name: 'ahmad', limit: 100 });
      expect(ids).toEqual(registered.filter((r) => r.fullName.startsWith('Ahmad')).map((r) => r.id));
      const outsider = await walk({ name: 'ahmad' }, registrar({ jurisdiction: ['3201'] }));
      expect(outsider.ids).toHaveLength(1);
      await expect(
        t.send(POPULATION_RESIDENTS_SEARCH, { actor: registrar({ jurisdiction: [] }), query: {} }),
      ).resolves.toEqual({
        items: [],
        nextCursor: null,
      });
    });

    it('matches part of a name ignoring case and spacing', async () => {
      const { ids } = await walk({ name: 'HAJARDEWAN' });
      expect(ids).toEqual(registered.filter((r) => r.fullName.startsWith('Ki Hajar')).map((r) => r.id));
      const spaced = await walk({ name: '  dewi   sar ' });
      expect(spaced.ids).toEqual(registered.filter((r) => r.fullName.startsWith('Dewi')).map((r) => r.id));
      const wildcard = await walk({ name: '%_' });
      expect(wildcard.ids).toEqual([]);
    });

    it('filters by status', async () => {
      await t.dataSource.query(`UPDATE residents SET status = 'MATI' WHERE id = $1`, [registered[0].id]);
      const { ids } = await walk({ status: ResidentStatus.Mati, limit: 100 });
      expect(ids).toEqual([registered[0].id]);
      await t.dataSource.query(`UPDATE residents SET status = 'HIDUP' WHERE id = $1`, [registered[0].id]);
    });

    it('defaults to 20 per page', async () => {
      const page = await t.send(POPULATION_RESIDENTS_SEARCH, { actor, query: {} });
      expect(page.items).toHaveLength(20);
      expect(page.nextCursor).toEqual(expect.any(String));
    });

    it('answers a cursor it did not issue, and a limit over 100, as VALIDATION_FAILED on the field', async () => {
      await expect(
        t.rpcError(POPULATION_RESIDENTS_SEARCH, { actor, query: { cursor: 'bm90LWEtY3Vyc29y' } }),
      ).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'cursor' })],
      });
      const unknownId = Buffer.from(
        JSON.stringify({ v: 1, after: '00000000-0000-4000-8000-000000000000' }),
      ).toString('base64url');
      await expect(
        t.rpcError(POPULATION_RESIDENTS_SEARCH, { actor, query: { cursor: unknownId } }),
      ).resolves.toMatchObject({
        errors: [expect.objectContaining({ field: 'cursor' })],
      });
      await expect(
        t.rpcError(POPULATION_RESIDENTS_SEARCH, { actor, query: { limit: 101 } }),
      ).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'limit' })],
      });
    });

    it('records the residents of each page in the access log, and no name', async () => {
      const page = await t.send(POPULATION_RESIDENTS_SEARCH, {
        actor: registrar({ sub: 'searcher', requestId: 'req-search' }),
        query: { name: 'sutan', limit: 2 },
      });
      const [row] = await t.dataSource.query<{ resident_ids: string[]; raw: string }[]>(
        `SELECT resident_ids, row_to_json(l)::text AS raw FROM data_access_log l WHERE actor_sub = 'searcher'`,
      );
      expect(row.resident_ids).toEqual(page.items.map((r) => r.id));
      expect(row.raw.toLowerCase()).not.toContain('sutan');
    });
  });

  describe('update and history', () => {
    it('records only the fields that change, with who, when and why, and answers the new record', async () => {
      const view = await register({ fullName: 'Budi Santoso', occupation: 'Petani' });
      t.clock.advance(60_000);
      const updated = await t.send(POPULATION_RESIDENTS_UPDATE, {
        actor: registrar({ sub: 'registrar-2' }),
        nik: view.nik,
        changes: { fullName: 'Budi Santosa', occupation: 'Petani', reason: 'Typo in the name per KTP' },
      });
      expect(updated).toMatchObject({
        fullName: 'Budi Santosa',
        occupation: 'Petani',
        updatedAt: t.clock.now().toISOString(),
      });

      const history = await t.send(POPULATION_RESIDENTS_HISTORY, { actor, nik: view.nik });
      expect(history.items).toHaveLength(2);
      expect(history.items[0]).toEqual({
        id: expect.any(String),
        changedAt: t.clock.now().toISOString(),
        changedBy: 'registrar-2',
        kind: 'CORRECTED',
        reason: 'Typo in the name per KTP',
        changes: [{ field: 'fullName', from: 'Budi Santoso', to: 'Budi Santosa' }],
      });
      expect(history.items[1]).toMatchObject({ kind: 'REGISTERED', changedBy: 'registrar-1', reason: null });
      expect(history.items[1].changes).toContainEqual({ field: 'nik', from: null, to: view.nik });
    });

    it('keeps every correction, newest first', async () => {
      const view = await register();
      for (const occupation of ['Guru', 'Nelayan', 'Pedagang']) {
        t.clock.advance(1000);
        await t.send(POPULATION_RESIDENTS_UPDATE, {
          actor,
          nik: view.nik,
          changes: { occupation, reason: `now ${occupation}` },
        });
      }
      const history = await t.send(POPULATION_RESIDENTS_HISTORY, { actor, nik: view.nik });
      expect(history.items.map((h) => h.reason)).toEqual(['now Pedagang', 'now Nelayan', 'now Guru', null]);
    });

    it('records each address part that changes and lets search find the new village', async () => {
      const view = await register({
        address: { villageCode: VILLAGE_A, rt: '001', rw: '002', hamlet: 'Melati', street: 'Jl. A' },
      });
      await t.send(POPULATION_RESIDENTS_UPDATE, {
        actor,
        nik: view.nik,
        changes: {
          address: { villageCode: VILLAGE_B, rt: '001', rw: '002', street: 'Jl. A' },
          reason: 'Moved within the district',
        },
      });
      const [latest] = (await t.send(POPULATION_RESIDENTS_HISTORY, { actor, nik: view.nik })).items;
      expect(latest.changes).toEqual([
        { field: 'address.villageCode', from: VILLAGE_A, to: VILLAGE_B },
        { field: 'address.hamlet', from: 'Melati', to: null },
      ]);
      const inB = await t.send(POPULATION_RESIDENTS_SEARCH, {
        actor: registrar({ jurisdiction: [VILLAGE_B] }),
        query: { limit: 100 },
      });
      expect(inB.items.map((r) => r.id)).toContain(view.id);
    });

    it('answers NOTHING_TO_CHANGE 422 when no field changes, and records nothing', async () => {
      const view = await register({ occupation: 'Petani' });
      await expect(
        t.rpcError(POPULATION_RESIDENTS_UPDATE, {
          actor,
          nik: view.nik,
          changes: { occupation: ' Petani ', reason: 'Same' },
        }),
      ).resolves.toMatchObject({ code: ErrorCode.NOTHING_TO_CHANGE, status: 422 });
      await expect(t.send(POPULATION_RESIDENTS_HISTORY, { actor, nik: view.nik })).resolves.toMatchObject({
        items: [{ kind: 'REGISTERED' }],
      });
    });

    it('requires a reason', async () => {
      const view = await register();
      const error = await t.rpcError(POPULATION_RESIDENTS_UPDATE, {
        actor,
        nik: view.nik,
        changes: { occupation: 'Guru' } as never,
      });
      expect(error).toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: expect.arrayContaining([expect.objectContaining({ field: 'reason' })]),
      });
      const blank = await t.rpcError(POPULATION_RESIDENTS_UPDATE, {
        actor,
        nik: view.nik,
        changes: { occupation: 'Guru', reason: '   ' },
      });
      expect(blank).toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'reason' })],
      });
    });

    it('re-evaluates the review flags after a birth date or sex correction', async () => {
      const nik = nikFor('1985-08-17', Sex.Male);
      const view = await register({ nik, birthDate: '1985-08-18', sex: Sex.Female });
      expect(view.reviewFlags).toHaveLength(2);
      const fixedDate = await t.send(POPULATION_RESIDENTS_UPDATE, {
        actor,
        nik,
        changes: { birthDate: '1985-08-17', reason: 'Per birth certificate' },
      });
      expect(fixedDate.reviewFlags.map((f) => f.code)).toEqual([ReviewFlagCode.NikSexMismatch]);
      const fixedSex = await t.send(POPULATION_RESIDENTS_UPDATE, {
        actor,
        nik,
        changes: { sex: Sex.Male, reason: 'Per birth certificate' },
      });
      expect(fixedSex.reviewFlags).toEqual([]);
    });

    it('refuses a future birth date, and a move outside the jurisdiction, and keeps the record as it was', async () => {
      const view = await register();
      await expect(
        t.rpcError(POPULATION_RESIDENTS_UPDATE, {
          actor,
          nik: view.nik,
          changes: { birthDate: '2027-01-01', reason: 'x' },
        }),
      ).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'birthDate' })],
      });
      await expect(
        t.rpcError(POPULATION_RESIDENTS_UPDATE, {
          actor,
          nik: view.nik,
          changes: {
            fullName: 'Changed',
            address: { villageCode: VILLAGE_OUTSIDE, rt: '001', rw: '001', street: 'x' },
            reason: 'x',
          },
        }),
      ).resolves.toMatchObject({ code: ErrorCode.FORBIDDEN, status: 403 });
      await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: view.nik })).resolves.toMatchObject({
        fullName: view.fullName,
        address: view.address,
      });
    });

    it('answers a resident outside the jurisdiction as RESIDENT_NOT_FOUND for update and history', async () => {
      const view = await register();
      const outsider = registrar({ jurisdiction: ['3201'] });
      await expect(
        t.rpcError(POPULATION_RESIDENTS_UPDATE, {
          actor: outsider,
          nik: view.nik,
          changes: { occupation: 'Guru', reason: 'x' },
        }),
      ).resolves.toMatchObject({ code: ErrorCode.RESIDENT_NOT_FOUND, status: 404 });
      await expect(
        t.rpcError(POPULATION_RESIDENTS_HISTORY, { actor: outsider, nik: view.nik }),
      ).resolves.toMatchObject({
        code: ErrorCode.RESIDENT_NOT_FOUND,
        status: 404,
      });
    });

    it('lets a registrar correct the record of a deceased person', async () => {
      const view = await register();
      await t.dataSource.query(`UPDATE residents SET status = 'MATI' WHERE id = $1`, [view.id]);
      await expect(
        t.send(POPULATION_RESIDENTS_UPDATE, {
          actor,
          nik: view.nik,
          changes: { fullName: 'Budi Santosa', reason: 'For the death certificate' },
        }),
      ).resolves.toMatchObject({ fullName: 'Budi Santosa', status: ResidentStatus.Mati });
    });
  });
});
