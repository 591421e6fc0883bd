import { ErrorCode, Role } from '@terpadu/contracts';
import { readPdf } from '@terpadu/testing';
import { registration } from './fixtures';
import { type Platform, startPlatform } from './platform';

/**
 * A letter's life through the gateway, end to end against the built population service: drafted at
 * the front desk, signed by the village head, printed, checked by anyone without a login (within a
 * per-address limit), revoked. Also the region names letters print and addresses are checked against.
 */
const REGISTRAR = { roles: [Role.Registrar], jurisdiction: ['3174'], sub: 'registrar-e2e' };
const FRONT_DESK = { roles: [Role.FrontDesk], jurisdiction: ['317409'], sub: 'loket-e2e' };
const HEAD = { roles: [Role.VillageHead], jurisdiction: ['317409'], sub: 'lurah-e2e' };
const TANJUNG_BARAT = '3174091005';
const SITI = registration({
  nik: '3174095204900007',
  fullName: 'Siti Nurhaliza',
  birthDate: '1990-04-12',
  sex: 'PEREMPUAN',
  address: { villageCode: TANJUNG_BARAT, rt: '004', rw: '002', street: 'Jl. Kenanga No. 12' },
});
const VERIFY_LIMIT = 4;

/** The registry's year (Asia/Jakarta) now: the services run on the real clock here. */
const registryYear = () =>
  new Intl.DateTimeFormat('en', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(new Date());

describe('letters through the gateway', () => {
  let platform: Platform;
  let letterId: string;
  let number: string;
  let code: string;

  beforeAll(async () => {
    platform = await startPlatform({ VERIFY_RATE_LIMIT_PER_MINUTE: String(VERIFY_LIMIT) });
  });
  afterAll(() => platform?.stop());

  it('names a village and its parents, and refuses an address with an unknown village code', async () => {
    const region = await platform.call('GET', `/v1/regions/${TANJUNG_BARAT}`, FRONT_DESK);
    expect(region.status).toBe(200);
    expect(region.body).toEqual({
      code: TANJUNG_BARAT,
      level: 'VILLAGE',
      name: 'Tanjung Barat',
      retiredAt: null,
      province: { code: '31', name: 'Daerah Khusus Ibukota Jakarta' },
      regency: { code: '3174', name: 'Kota Administrasi Jakarta Selatan' },
      district: { code: '317409', name: 'Jagakarsa' },
    });
    const unknown = await platform.call('GET', '/v1/regions/3174099999', FRONT_DESK);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: ErrorCode.REGION_NOT_FOUND });

    const refused = await platform.call('POST', '/v1/residents', REGISTRAR, {
      ...SITI,
      address: { villageCode: '3174099999', rt: '001', rw: '001', street: 'Jl. Fiktif' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: [expect.objectContaining({ field: 'address.villageCode', code: 'unknownVillage' })],
    });
  });

  it('drafts at the front desk and signs as the village head, numbering the letter once', async () => {
    expect((await platform.call('POST', '/v1/residents', REGISTRAR, SITI)).status).toBe(201);
    const draft = await platform.call('POST', '/v1/letters', FRONT_DESK, {
      residentNik: SITI.nik,
      type: 'SKTM',
      purpose: 'Keringanan biaya rumah sakit',
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'DRAFT', number: null, verificationCode: null });
    letterId = draft.body.id as string;

    expect(
      (await platform.call('POST', `/v1/letters/${letterId}/sign`, FRONT_DESK, { signerName: 'X' })).status,
    ).toBe(403);
    const signed = await platform.call('POST', `/v1/letters/${letterId}/sign`, HEAD, {
      signerName: 'H. Ahmad Fauzi',
    });
    expect(signed.status).toBe(200);
    number = `470/0001/SKTM/${TANJUNG_BARAT}/${registryYear()}`;
    expect(signed.body).toMatchObject({
      status: 'SIGNED',
      number,
      signedBy: 'lurah-e2e',
      signerName: 'H. Ahmad Fauzi',
    });
    code = signed.body.verificationCode as string;
    expect(code).toMatch(/^[A-Z2-7]{32}$/);

    const again = await platform.call('POST', `/v1/letters/${letterId}/sign`, HEAD, {
      signerName: 'H. Ahmad Fauzi',
    });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(again.body).toMatchObject({ code: ErrorCode.LETTER_NOT_DRAFT });

    const byNik = await platform.call('POST', '/v1/letters/search', HEAD, { residentNik: SITI.nik });
    expect(byNik.status).toBe(200);
    expect((byNik.body.items as { id: string }[]).map((l) => l.id)).toEqual([letterId]);
  });

  it('answers the PDF, whose text carries the letter number', async () => {
    const res = await fetch(`${platform.gateway.url}/v1/letters/${letterId}/pdf`, {
      headers: { authorization: `Bearer ${await platform.token(HEAD)}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await readPdf(bytes);
    expect(text).toContain(`Nomor: ${number}`);
    expect(text).toContain('KELURAHAN TANJUNG BARAT');
  });

  it('lets anyone verify the letter without a login, showing the masked name and nothing else; then revoked', async () => {
    const valid = await platform.call('GET', `/v1/letters/verify/${code}`, null);
    expect(valid.status).toBe(200);
    expect(valid.body).toEqual({
      status: 'VALID',
      type: 'SKTM',
      number,
      issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      validUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      holderName: 'Sit* Nur*',
    });
    const revoked = await platform.call('POST', `/v1/letters/${letterId}/revoke`, HEAD, {
      reason: 'Data tidak benar',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'REVOKED', revocationReason: 'Data tidak benar' });
    const check = await platform.call('GET', `/v1/letters/verify/${code}`, null);
    expect(check.body).toMatchObject({ status: 'REVOKED', number });

    const unknown = await platform.call('GET', `/v1/letters/verify/${'A'.repeat(32)}`, null);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: ErrorCode.LETTER_NOT_FOUND });
  });

  it('limits verification per client address to VERIFY_RATE_LIMIT_PER_MINUTE', async () => {
    // Three verifications above; the fourth is the last of the burst.
    expect((await platform.call('GET', `/v1/letters/verify/${code}`, null)).status).toBe(200);
    const limited = await platform.call('GET', `/v1/letters/verify/${code}`, null);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: ErrorCode.RATE_LIMITED });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Authenticated routes keep the global limit (off in these tests).
    expect((await platform.call('GET', `/v1/letters/${letterId}`, HEAD)).status).toBe(200);
  });
});
