import {
  type Actor,
  type DraftLetterDto,
  ErrorCode,
  LETTER_ISSUED_V1,
  LETTER_REVOKED_V1,
  LetterStatus,
  LetterType,
  LetterValidity,
  type LetterView,
  POPULATION_LETTERS_DRAFT,
  POPULATION_LETTERS_GET,
  POPULATION_LETTERS_REVOKE,
  POPULATION_LETTERS_SEARCH,
  POPULATION_LETTERS_SIGN,
  POPULATION_LETTERS_VERIFY,
  POPULATION_RESIDENTS_REGISTER,
  type RegisteredResidentView,
  type RegisterResidentDto,
  ResidentStatus,
  Role,
  Sex,
  STREAMS,
} from '@terpadu/contracts';
import { LettersService } from '../src/letters/letters.service';
import { registrar, residentDto } from './builders';
import { type PopulationTestApp, startPopulationApp } from './population-app';
import { StreamReader } from '@terpadu/testing';

/** Kelurahan Tanjung Barat, Jagakarsa, Jakarta Selatan. */
const TANJUNG_BARAT = '3174091005';
/** Kelurahan Lenteng Agung, same district: its own numbering. */
const LENTENG_AGUNG = '3174091004';
/** Kelurahan Ciganjur: only the concurrency test signs letters here. */
const CIGANJUR = '3174091003';

const frontDesk: Actor = {
  sub: 'loket-1',
  roles: [Role.FrontDesk],
  jurisdiction: ['317409'],
  requestId: 'req-fd',
};
const head: Actor = {
  sub: 'lurah-1',
  roles: [Role.VillageHead],
  jurisdiction: ['317409'],
  requestId: 'req-vh',
};
const outsider: Actor = { sub: 'lurah-bogor', roles: [Role.VillageHead], jurisdiction: ['3201'] };

describe(`${LettersService.name} over NATS`, () => {
  let t: PopulationTestApp;
  let stream: StreamReader;

  beforeAll(async () => {
    t = await startPopulationApp();
    stream = await StreamReader.connect(t.nats.url, STREAMS.population);
  });

  afterAll(async () => {
    await stream?.close();
    await t?.close();
  });

  afterEach(() => {
    t.clock.set('2026-11-30T03:00:00.000Z'); // 2026-11-30 10:00 in Jakarta
  });

  const resident = (village = TANJUNG_BARAT, overrides: Partial<RegisterResidentDto> = {}) =>
    t.send(POPULATION_RESIDENTS_REGISTER, {
      actor: registrar({ jurisdiction: ['3174'] }),
      resident: residentDto({
        fullName: 'Siti Nurhaliza',
        sex: Sex.Female,
        ...overrides,
        address: { villageCode: village, rt: '004', rw: '002', street: 'Jl. Kenanga No. 12' },
      }),
    });
  const draft = (holder: RegisteredResidentView, overrides: Partial<DraftLetterDto> = {}) =>
    t.send(POPULATION_LETTERS_DRAFT, {
      actor: frontDesk,
      letter: {
        residentNik: holder.nik,
        type: LetterType.Sktm,
        purpose: 'Keringanan biaya sekolah',
        ...overrides,
      },
    });
  const sign = (letter: LetterView, actor = head) =>
    t.send(POPULATION_LETTERS_SIGN, { actor, id: letter.id, signing: { signerName: 'H. Ahmad Fauzi' } });
  /** The registry's status changes come from life events (births, deaths, moves); here set directly. */
  const setStatus = (holder: RegisteredResidentView, status: ResidentStatus) =>
    t.dataSource.query(`UPDATE residents SET status = $1 WHERE id = $2`, [status, holder.id]);
  const accessLog = (residentId: string) =>
    t.dataSource.query<{ action: string; actor_sub: string; request_id: string | null }[]>(
      `SELECT action, actor_sub, request_id FROM data_access_log WHERE $1 = ANY(resident_ids) ORDER BY id`,
      [residentId],
    );

  describe('drafting', () => {
    it('drafts a letter for a resident: no number, code or validity until it is signed', async () => {
      const holder = await resident();
      const letter = await draft(holder);
      expect(letter).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: LetterType.Sktm,
        status: LetterStatus.Draft,
        number: null,
        verificationCode: null,
        holder: { residentId: holder.id, nik: holder.nik, fullName: 'Siti Nurhaliza' },
        villageCode: TANJUNG_BARAT,
        purpose: 'Keringanan biaya sekolah',
        validFrom: null,
        validUntil: null,
        issuedOn: null,
        signedBy: null,
        signerName: null,
        signedAt: null,
        revokedAt: null,
        revokedBy: null,
        revocationReason: null,
        draftedBy: 'loket-1',
        createdAt: t.clock.now().toISOString(),
        updatedAt: t.clock.now().toISOString(),
      });
      await expect(t.send(POPULATION_LETTERS_GET, { actor: head, id: letter.id })).resolves.toEqual(letter);
      await expect(accessLog(holder.id)).resolves.toEqual(
        expect.arrayContaining([
          { action: 'LETTER_DRAFT', actor_sub: 'loket-1', request_id: 'req-fd' },
          { action: 'LETTER_READ', actor_sub: 'lurah-1', request_id: 'req-vh' },
        ]),
      );
    });

    it('takes the business of a business domicile letter, and refuses it on other types', async () => {
      const holder = await resident();
      const business = {
        name: 'Warung  Makan Sederhana',
        kind: 'Warung makan',
        address: 'Jl. Kenanga No. 14',
      };
      await expect(draft(holder, { type: LetterType.BusinessDomicile, business })).resolves.toMatchObject({
        business: { ...business, name: 'Warung Makan Sederhana' },
      });
      await expect(
        t.rpcError(POPULATION_LETTERS_DRAFT, {
          actor: frontDesk,
          letter: { residentNik: holder.nik, type: LetterType.BusinessDomicile, purpose: 'Izin usaha' },
        }),
      ).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'business' })],
      });
      await expect(
        t.rpcError(POPULATION_LETTERS_DRAFT, {
          actor: frontDesk,
          letter: { residentNik: holder.nik, type: LetterType.Sktm, purpose: 'x', business },
        }),
      ).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'business', code: 'notAllowedForType' })],
      });
    });

    it.each<[string, Partial<DraftLetterDto>, string, string]>([
      [
        'validUntil before validFrom',
        { validFrom: '2026-12-10', validUntil: '2026-12-09' },
        'validUntil',
        'notBeforeValidFrom',
      ],
      ['validUntil in the past', { validUntil: '2026-11-29' }, 'validUntil', 'notInPast'],
      [
        'validUntil on a certificate',
        { type: LetterType.BirthCertificate, validUntil: '2027-01-01' },
        'validUntil',
        'notAllowedForType',
      ],
      ['a blank purpose', { purpose: '   ' }, 'purpose', 'isNotEmpty'],
      ['an unknown type', { type: 'SURAT_CINTA' as LetterType }, 'type', 'isEnum'],
      ['a malformed date', { validFrom: '2026-02-30' }, 'validFrom', 'isDateString'],
    ])('refuses %s with VALIDATION_FAILED naming the field', async (_label, overrides, field, code) => {
      const holder = await resident();
      const error = await t.rpcError(POPULATION_LETTERS_DRAFT, {
        actor: frontDesk,
        letter: { residentNik: holder.nik, type: LetterType.Sktm, purpose: 'Beasiswa', ...overrides },
      });
      expect(error).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, status: 400 });
      expect(error.errors).toEqual([expect.objectContaining({ field, code })]);
    });

    it('answers RESIDENT_NOT_FOUND for an unknown NIK and for a resident outside the jurisdiction', async () => {
      const holder = await resident(LENTENG_AGUNG);
      await expect(
        t.rpcError(POPULATION_LETTERS_DRAFT, {
          actor: { ...frontDesk, jurisdiction: ['3174091005'] },
          letter: { residentNik: holder.nik, type: LetterType.Sktm, purpose: 'x' },
        }),
      ).resolves.toMatchObject({ code: ErrorCode.RESIDENT_NOT_FOUND, status: 404 });
      await expect(
        t.rpcError(POPULATION_LETTERS_DRAFT, {
          actor: frontDesk,
          letter: { residentNik: '3174095012900099', type: LetterType.Sktm, purpose: 'x' },
        }),
      ).resolves.toMatchObject({ code: ErrorCode.RESIDENT_NOT_FOUND });
    });

    it('refuses letters that make no sense for a deceased, moved-out, missing or deactivated holder, and a death certificate for the living', async () => {
      const deceased = await resident();
      const movedOut = await resident();
      const missing = await resident();
      const duplicate = await resident();
      const living = await resident();
      await setStatus(deceased, ResidentStatus.Mati);
      await setStatus(movedOut, ResidentStatus.Pindah);
      await setStatus(missing, ResidentStatus.Hilang);
      await t.dataSource.query(
        `UPDATE residents SET deactivated_at = now(), deactivation_reason = 'Duplikat', duplicate_of_resident_id = $2
          WHERE id = $1`,
        [duplicate.id, living.id],
      );
      for (const [holder, type, code] of [
        [deceased, LetterType.Sktm, ErrorCode.RESIDENT_DECEASED],
        [deceased, LetterType.Domicile, ErrorCode.RESIDENT_DECEASED],
        [movedOut, LetterType.CoverLetter, ErrorCode.RESIDENT_MOVED_OUT],
        [movedOut, LetterType.BirthCertificate, ErrorCode.RESIDENT_MOVED_OUT],
        [missing, LetterType.BusinessDomicile, ErrorCode.RESIDENT_NOT_ACTIVE],
        [duplicate, LetterType.Sktm, ErrorCode.RESIDENT_DEACTIVATED],
        [movedOut, LetterType.DeathCertificate, ErrorCode.RESIDENT_MOVED_OUT],
      ] as const) {
        const letter = {
          residentNik: holder.nik,
          type,
          purpose: 'x',
          ...(type === LetterType.BusinessDomicile
            ? { business: { name: 'W', kind: 'W', address: 'W' } }
            : {}),
          ...(type === LetterType.DeathCertificate ? { death: { date: '2026-11-20', place: 'Rumah' } } : {}),
        };
        await expect(
          t.rpcError(POPULATION_LETTERS_DRAFT, { actor: frontDesk, letter }),
        ).resolves.toMatchObject({
          code,
          status: 422,
        });
      }
      const death = { date: '2026-11-20', place: 'RSUD Pasar Minggu' };
      await expect(
        t.rpcError(POPULATION_LETTERS_DRAFT, {
          actor: frontDesk,
          letter: {
            residentNik: living.nik,
            type: LetterType.DeathCertificate,
            purpose: 'Ahli waris',
            death,
          },
        }),
      ).resolves.toMatchObject({ code: ErrorCode.RESIDENT_NOT_DECEASED, status: 422 });

      // A death certificate for the deceased, and a birth certificate too, make sense.
      const certificate = await draft(deceased, {
        type: LetterType.DeathCertificate,
        purpose: 'Ahli waris',
        death,
      });
      await expect(sign(certificate)).resolves.toMatchObject({
        status: LetterStatus.Signed,
        number: `474.3/0001/SKK/${TANJUNG_BARAT}/2026`,
        validUntil: null,
        death,
      });
      await expect(
        draft(deceased, { type: LetterType.BirthCertificate, purpose: 'Pensiun' }),
      ).resolves.toMatchObject({
        status: LetterStatus.Draft,
      });
    });
  });

  describe('signing', () => {
    it('numbers per village, type and year, decides the validity from the type rule, and publishes LETTER_ISSUED_V1', async () => {
      const holder = await resident();
      const first = await sign(await draft(holder));
      expect(first).toMatchObject({
        status: LetterStatus.Signed,
        number: `470/0001/SKTM/${TANJUNG_BARAT}/2026`,
        verificationCode: expect.stringMatching(/^[A-Z2-7]{32}$/),
        validFrom: '2026-11-30',
        validUntil: '2027-11-29', // SKTM: 12 months (letter_type_rules)
        issuedOn: '2026-11-30',
        signedBy: 'lurah-1',
        signerName: 'H. Ahmad Fauzi',
        signedAt: t.clock.now().toISOString(),
      });

      const { event } = await stream.waitFor(LETTER_ISSUED_V1, (e) => e.data.letterId === first.id);
      expect(event).toMatchObject({ type: LETTER_ISSUED_V1, subject: first.id });
      expect(event.data).toEqual({
        letterId: first.id,
        type: LetterType.Sktm,
        number: first.number,
        purpose: 'Keringanan biaya sekolah',
        holderNik: holder.nik,
        holderResidentId: holder.id,
        villageCode: TANJUNG_BARAT,
        issuedOn: '2026-11-30',
        validFrom: '2026-11-30',
        validUntil: '2027-11-29',
      });

      await expect(sign(await draft(holder))).resolves.toMatchObject({
        number: `470/0002/SKTM/${TANJUNG_BARAT}/2026`,
      });
      await expect(sign(await draft(holder, { type: LetterType.Domicile }))).resolves.toMatchObject({
        number: `470/0001/SKD/${TANJUNG_BARAT}/2026`,
        validUntil: '2027-05-29', // DOMICILE: 6 months
      });
      const neighbour = await resident(LENTENG_AGUNG);
      await expect(sign(await draft(neighbour))).resolves.toMatchObject({
        number: `470/0001/SKTM/${LENTENG_AGUNG}/2026`,
      });
      // The year is the registry's: 2027-01-01 00:30 in Jakarta is still 2026 in UTC.
      t.clock.set('2026-12-31T17:30:00.000Z');
      await expect(sign(await draft(holder))).resolves.toMatchObject({
        number: `470/0001/SKTM/${TANJUNG_BARAT}/2027`,
        issuedOn: '2027-01-01',
        validUntil: '2027-12-31',
      });
    });

    it('keeps a validity given in the draft', async () => {
      const holder = await resident(LENTENG_AGUNG);
      const letter = await draft(holder, {
        type: LetterType.CoverLetter,
        validFrom: '2026-12-01',
        validUntil: '2026-12-20',
      });
      await expect(sign(letter)).resolves.toMatchObject({
        validFrom: '2026-12-01',
        validUntil: '2026-12-20',
      });
    });

    it('refuses to sign a letter that is not a draft (409), or outside the jurisdiction (404)', async () => {
      const letter = await draft(await resident(LENTENG_AGUNG));
      await expect(
        t.rpcError(POPULATION_LETTERS_SIGN, { actor: outsider, id: letter.id, signing: { signerName: 'X' } }),
      ).resolves.toMatchObject({ code: ErrorCode.LETTER_NOT_FOUND, status: 404 });
      const signed = await sign(letter);
      await expect(
        t.rpcError(POPULATION_LETTERS_SIGN, { actor: head, id: letter.id, signing: { signerName: 'X' } }),
      ).resolves.toMatchObject({ code: ErrorCode.LETTER_NOT_DRAFT, status: 409 });
      await expect(t.send(POPULATION_LETTERS_GET, { actor: head, id: letter.id })).resolves.toEqual(signed);
      await expect(
        t.rpcError(POPULATION_LETTERS_SIGN, { actor: head, id: 'not-a-uuid', signing: { signerName: 'X' } }),
      ).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'id' })],
      });
    });

    it('refuses to sign when the holder died since the draft, or the validity has ended, without using a number', async () => {
      const village = '3174091006'; // Cipedak: nothing else signs here
      const holder = await resident(village);
      const dies = await resident(village);
      const stale = await draft(holder, { validUntil: '2026-12-01' });
      const orphan = await draft(dies);
      await setStatus(dies, ResidentStatus.Mati);
      await expect(
        t.rpcError(POPULATION_LETTERS_SIGN, { actor: head, id: orphan.id, signing: { signerName: 'X' } }),
      ).resolves.toMatchObject({ code: ErrorCode.RESIDENT_DECEASED, status: 422 });
      t.clock.set('2026-12-02T03:00:00.000Z');
      await expect(
        t.rpcError(POPULATION_LETTERS_SIGN, { actor: head, id: stale.id, signing: { signerName: 'X' } }),
      ).resolves.toMatchObject({ code: ErrorCode.LETTER_VALIDITY_ENDED, status: 422 });
      await expect(sign(await draft(holder))).resolves.toMatchObject({
        number: `470/0001/SKTM/${village}/2026`,
      });
    });

    it('gives 50 concurrent signatures of one village and type the distinct numbers 1..50, without gaps', async () => {
      const holders = await Promise.all(Array.from({ length: 10 }, () => resident(CIGANJUR)));
      const drafts: LetterView[] = [];
      for (let i = 0; i < 50; i++) drafts.push(await draft(holders[i % holders.length]));
      const signed = await Promise.all(drafts.map((d) => sign(d)));
      const sequences = signed.map((l) => Number((l.number as string).split('/')[1])).sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(new Set(signed.map((l) => l.verificationCode)).size).toBe(50);
      const [counter] = await t.dataSource.query<{ last_number: number }[]>(
        `SELECT last_number FROM letter_counters WHERE village_code = $1 AND type = 'SKTM' AND year = 2026`,
        [CIGANJUR],
      );
      expect(counter.last_number).toBe(50);
    });
  });

  describe('revoking', () => {
    it('revokes a signed letter with its reason and publishes LETTER_REVOKED_V1', async () => {
      const holder = await resident();
      const signed = await sign(await draft(holder));
      t.clock.advance(3_600_000);
      const revoked = await t.send(POPULATION_LETTERS_REVOKE, {
        actor: head,
        id: signed.id,
        revocation: { reason: ' Data penghasilan  tidak benar ' },
      });
      expect(revoked).toEqual({
        ...signed,
        status: LetterStatus.Revoked,
        revokedAt: t.clock.now().toISOString(),
        revokedBy: 'lurah-1',
        revocationReason: 'Data penghasilan tidak benar',
        updatedAt: t.clock.now().toISOString(),
      });
      const { event } = await stream.waitFor(LETTER_REVOKED_V1, (e) => e.data.letterId === signed.id);
      expect(event.data).toEqual({
        letterId: signed.id,
        type: LetterType.Sktm,
        number: signed.number,
        holderNik: holder.nik,
        holderResidentId: holder.id,
        villageCode: TANJUNG_BARAT,
        revokedAt: t.clock.now().toISOString(),
      });
      await expect(
        t.rpcError(POPULATION_LETTERS_REVOKE, { actor: head, id: signed.id, revocation: { reason: 'lagi' } }),
      ).resolves.toMatchObject({ code: ErrorCode.LETTER_NOT_SIGNED, status: 409 });
    });

    it('refuses to revoke a draft, or without a reason', async () => {
      const letter = await draft(await resident());
      await expect(
        t.rpcError(POPULATION_LETTERS_REVOKE, {
          actor: head,
          id: letter.id,
          revocation: { reason: 'salah' },
        }),
      ).resolves.toMatchObject({ code: ErrorCode.LETTER_NOT_SIGNED, status: 409 });
      await expect(
        t.rpcError(POPULATION_LETTERS_REVOKE, { actor: head, id: letter.id, revocation: { reason: ' ' } }),
      ).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'reason' })],
      });
    });
  });

  describe('public verification', () => {
    it('tells valid, then expired by the registry calendar, with the masked name and nothing else', async () => {
      const holder = await resident(LENTENG_AGUNG);
      const signed = await sign(await draft(holder, { type: LetterType.CoverLetter }));
      const code = signed.verificationCode as string;
      const view = {
        type: LetterType.CoverLetter,
        number: signed.number,
        issuedOn: '2026-11-30',
        validUntil: '2026-12-29', // COVER_LETTER: 1 month
        holderName: 'Sit* Nur*',
      };
      await expect(t.send(POPULATION_LETTERS_VERIFY, { code })).resolves.toEqual({
        status: LetterValidity.Valid,
        ...view,
      });
      await expect(t.send(POPULATION_LETTERS_VERIFY, { code: code.toLowerCase() })).resolves.toMatchObject({
        status: LetterValidity.Valid,
      });
      t.clock.set('2026-12-29T16:59:00.000Z'); // 23:59 on the last valid day in Jakarta
      await expect(t.send(POPULATION_LETTERS_VERIFY, { code })).resolves.toMatchObject({
        status: LetterValidity.Valid,
      });
      t.clock.set('2026-12-29T17:00:00.000Z'); // midnight: the next day in Jakarta, still the 29th in UTC
      await expect(t.send(POPULATION_LETTERS_VERIFY, { code, requestId: 'req-public' })).resolves.toEqual({
        status: LetterValidity.Expired,
        ...view,
      });
      await expect(accessLog(holder.id)).resolves.toContainEqual({
        action: 'LETTER_VERIFY',
        actor_sub: 'public:letter-verification',
        request_id: 'req-public',
      });
    });

    it('tells revoked; a certificate never expires', async () => {
      const holder = await resident();
      const signed = await sign(await draft(holder));
      await t.send(POPULATION_LETTERS_REVOKE, {
        actor: head,
        id: signed.id,
        revocation: { reason: 'Salah data' },
      });
      await expect(
        t.send(POPULATION_LETTERS_VERIFY, { code: signed.verificationCode as string }),
      ).resolves.toMatchObject({ status: LetterValidity.Revoked, number: signed.number });

      const certificate = await sign(
        await draft(holder, { type: LetterType.BirthCertificate, purpose: 'Sekolah' }),
      );
      t.clock.set('2046-01-01T03:00:00.000Z');
      await expect(
        t.send(POPULATION_LETTERS_VERIFY, { code: certificate.verificationCode as string }),
      ).resolves.toEqual({
        status: LetterValidity.Valid,
        type: LetterType.BirthCertificate,
        number: `474.1/0001/SKL/${TANJUNG_BARAT}/2026`,
        issuedOn: '2026-11-30',
        validUntil: null,
        holderName: 'Sit* Nur*',
      });
    });

    it.each(['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'tidak-ada', '', '../../etc/passwd'])(
      'answers LETTER_NOT_FOUND 404 for the unknown code %j',
      async (code) => {
        await expect(t.rpcError(POPULATION_LETTERS_VERIFY, { code })).resolves.toMatchObject({
          code: ErrorCode.LETTER_NOT_FOUND,
          status: 404,
        });
      },
    );
  });

  describe('listing', () => {
    it('finds a holder’s letters by NIK (in a body), and lists by village, status and type, page by page', async () => {
      const holder = await resident(LENTENG_AGUNG);
      const other = await resident(LENTENG_AGUNG);
      const mine = [await draft(holder), await sign(await draft(holder, { type: LetterType.Domicile }))];
      await draft(other);

      const byNik = await t.send(POPULATION_LETTERS_SEARCH, {
        actor: frontDesk,
        query: { residentNik: holder.nik },
      });
      // Same created_at (the test clock stands still): the order between them is by id.
      expect(byNik.items.map((l) => l.id).sort()).toEqual(mine.map((l) => l.id).sort());

      const filtered = await t.send(POPULATION_LETTERS_SEARCH, {
        actor: frontDesk,
        query: { villageCode: LENTENG_AGUNG, status: LetterStatus.Signed, type: LetterType.Domicile },
      });
      expect(filtered.items.map((l) => l.id)).toContain(mine[1].id);
      expect(
        filtered.items.every(
          (l) =>
            l.villageCode === LENTENG_AGUNG &&
            l.status === LetterStatus.Signed &&
            l.type === LetterType.Domicile,
        ),
      ).toBe(true);

      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await t.send(POPULATION_LETTERS_SEARCH, {
          actor: frontDesk,
          query: { villageCode: LENTENG_AGUNG, limit: 2, ...(cursor ? { cursor } : {}) },
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        all.push(...page.items.map((l) => l.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(all).size).toBe(all.length);
      expect(all).toEqual(expect.arrayContaining([...mine.map((l) => l.id)]));

      await expect(
        t.send(POPULATION_LETTERS_SEARCH, { actor: { ...frontDesk, jurisdiction: ['3201'] }, query: {} }),
      ).resolves.toEqual({ items: [], nextCursor: null });
    });
  });
});
