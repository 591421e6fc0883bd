import { Role } from '@terpadu/contracts';
import { DEMO_HEADER, generateDemoVillage, type RunningApp, toSiakCsv } from '@terpadu/testing';
import { Client } from 'pg';
import { type Platform, type TokenClaims, startPlatform } from './platform';

/**
 * Bulk import end to end: a SIAK export (the demo village, plus bad lines) uploaded to the built
 * gateway as text/csv and registered by the built population service in the background; the same
 * file again; and a population service killed in the middle of a job, then started again.
 */
const REGISTRAR: TokenClaims = {
  roles: [Role.Registrar],
  jurisdiction: ['3174'],
  sub: 'registrar-tanjung-barat',
};
const AUDITOR: TokenClaims = { roles: [Role.Auditor], jurisdiction: ['31'] };

interface Job {
  id: string;
  status: string;
  total: number;
  processed: number;
  accepted: number;
  unchanged: number;
  rejected: number;
}

describe('bulk import through the gateway', () => {
  let platform: Platform;
  let restarted: RunningApp | undefined;

  beforeAll(async () => {
    platform = await startPlatform();
  });
  afterAll(async () => {
    await restarted?.stop();
    await platform?.stop();
  });

  const upload = async (csv: string | Buffer, as = REGISTRAR) =>
    fetch(`${platform.gateway.url}/v1/imports/residents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await platform.token(as)}`,
        'content-type': 'text/csv',
        'content-disposition': 'attachment; filename="tanjung-barat.csv"',
      },
      body: csv,
    });

  const finished = async (id: string, timeoutMs = 60_000): Promise<Job> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await platform.call('GET', `/v1/imports/${id}`, REGISTRAR);
      const job = res.body as unknown as Job;
      if (res.status === 200 && (job.status === 'DONE' || job.status === 'FAILED')) return job;
      if (Date.now() > deadline) throw new Error(`import ${id} still ${job.status} (${res.status})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  const records = generateDemoVillage({ households: 60 });
  const badLines = [
    // A NIK that encodes 31 February; an unknown religion; the first family's head again.
    { ...records[1], NIK: '3174097102800001' },
    { ...records[2], NIK: '3174090101010001', TGL_LHR: '01-01-2001', AGAMA: 'JEDI' },
    { ...records[0] },
  ];
  const csv = `\uFEFF${toSiakCsv([...records, ...badLines])}`;
  let jobId: string;

  it('answers 202 with the job and its Location, and registers every good line in the background', async () => {
    const res = await upload(csv);
    expect(res.status).toBe(202);
    const job = (await res.json()) as Job & { filename: string };
    expect(res.headers.get('location')).toBe(`/v1/imports/${job.id}`);
    expect(job).toMatchObject({
      status: 'RUNNING',
      total: records.length + 3,
      filename: 'tanjung-barat.csv',
    });
    jobId = job.id;

    await expect(finished(job.id)).resolves.toMatchObject({
      status: 'DONE',
      processed: records.length + 3,
      accepted: records.length,
      unchanged: 0,
      rejected: 3,
    });
    const first = records.length + 2; // line of the first bad record (the header is line 1)
    const report = await platform.call('GET', `/v1/imports/${job.id}/rows?outcome=REJECTED`, AUDITOR);
    expect(report.status).toBe(200);
    expect(report.body).toEqual({
      items: [
        expect.objectContaining({ row: first, outcome: 'REJECTED', reason: 'INVALID_NIK', column: 'NIK' }),
        expect.objectContaining({
          row: first + 1,
          outcome: 'REJECTED',
          reason: 'UNKNOWN_VALUE',
          column: 'AGAMA',
        }),
        expect.objectContaining({
          row: first + 2,
          outcome: 'REJECTED',
          reason: 'DUPLICATE_NIK_IN_FILE',
          column: 'NIK',
          nik: records[0].NIK,
        }),
      ],
      nextCursor: null,
    });
  });

  it('gives each accepted line its resident on the family card of the file', async () => {
    const page = await platform.call('GET', `/v1/imports/${jobId}/rows?limit=2`, REGISTRAR);
    expect(page.body).toMatchObject({
      items: [
        { row: 2, outcome: 'ACCEPTED', nik: records[0].NIK, familyCardNumber: records[0].NO_KK },
        { row: 3, outcome: 'ACCEPTED', nik: records[1].NIK, familyCardNumber: records[1].NO_KK },
      ],
      nextCursor: '3',
    });
    const resident = await platform.call('GET', `/v1/residents/${records[0].NIK}`, REGISTRAR);
    expect(resident.body).toMatchObject({
      fullName: records[0].NAMA_LGKP,
      address: { villageCode: '3174091005' },
      familyCard: { number: records[0].NO_KK, relationship: 'KEPALA_KELUARGA' },
    });
    const card = await platform.call('GET', `/v1/family-cards/${records[0].NO_KK}`, REGISTRAR);
    const family = records.filter((r) => r.NO_KK === records[0].NO_KK).map((r) => r.NIK);
    expect((card.body.members as Array<{ nik: string }>).map((m) => m.nik)).toEqual(family);
  });

  it('answers the same file again with 200 and the same job, and registers nobody twice', async () => {
    const res = await upload(csv);
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBe(`/v1/imports/${jobId}`);
    await expect(res.json()).resolves.toMatchObject({ id: jobId, status: 'DONE', accepted: records.length });
    const search = await platform.call('POST', '/v1/residents/search', REGISTRAR, {
      name: records[0].NAMA_LGKP,
      villageCode: '3174091005',
      limit: 100,
    });
    const items = search.body.items as Array<{ nik: string }>;
    expect(items.filter((r) => r.nik === records[0].NIK)).toHaveLength(1);
  });

  it('refuses a file without a required column with 400 problem+json naming the file', async () => {
    const res = await upload(`${DEMO_HEADER.filter((c) => c !== 'NIK').join(';')}\r\n1;2;3\r\n`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    await expect(res.json()).resolves.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'file', code: 'missingColumn', message: 'the header has no NIK column' }],
    });
  });

  it('finishes a job after the population service was killed in the middle of it, registering each line once', async () => {
    // Melawai (31.74.07.1001): another district, so none of these NIKs exists yet.
    const big = generateDemoVillage({ households: 1400, villageCode: '3174071001', seed: 99 }).slice(0, 4000);
    const res = await upload(toSiakCsv(big));
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as Job;

    let atKill: Job | undefined;
    for (let i = 0; i < 600 && !atKill; i++) {
      const job = (await platform.call('GET', `/v1/imports/${id}`, REGISTRAR)).body as unknown as Job;
      if (job.processed > 0) atKill = job;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await platform.services.get('population').stop('SIGKILL');
    expect(atKill?.processed).toBeLessThan(4000);
    expect((await platform.call('GET', `/v1/imports/${id}`, REGISTRAR)).status).toBe(503);

    restarted = await platform.services.start('population');
    await expect(finished(id, 110_000)).resolves.toMatchObject({
      status: 'DONE',
      processed: 4000,
      accepted: 4000,
      rejected: 0,
    });

    const db = new Client({ connectionString: platform.services.databaseUrl('population') });
    await db.connect();
    try {
      const { rows } = await db.query<{ residents: string; niks: string; pending: string }>(
        `SELECT (SELECT count(*) FROM residents WHERE village_code = '3174071001') AS residents,
                (SELECT count(DISTINCT nik) FROM residents WHERE village_code = '3174071001') AS niks,
                (SELECT count(*) FROM import_rows WHERE job_id = $1 AND outcome IS NULL) AS pending`,
        [id],
      );
      expect(rows[0]).toEqual({ residents: '4000', niks: '4000', pending: '0' });
    } finally {
      await db.end();
    }
  });
});
