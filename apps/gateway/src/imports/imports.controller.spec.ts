import { createHash } from 'node:crypto';
import {
  ErrorCode,
  IMPORT_COLUMNS,
  ImportColumn,
  ImportRowDefect,
  ImportStatus,
  POPULATION_IMPORTS_APPEND,
  POPULATION_IMPORTS_CREATE,
  POPULATION_IMPORTS_GET,
  POPULATION_IMPORTS_ROWS,
  POPULATION_IMPORTS_START,
  Role,
} from '@terpadu/contracts';
import { ServiceCallError } from '@terpadu/messaging';
import { EXPECTED_ACCESS } from '../../test/access-matrix';
import { rolesExcept } from '../../test/fixtures';
import { createSpecApp, problemOf, type SpecApp } from '../../test/spec-app';
import { ImportsController } from './imports.controller';

const JOB_ID = '0b6c5f4e-8a51-4a3e-9a43-2f7d1b0c9e11';
const TOKEN = '7f1e0c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const REGISTRAR = { roles: [Role.Registrar], jurisdiction: ['3174'] };

const HEADER =
  'NO_KK;NIK;NAMA_LGKP;JENIS_KLMIN;TMPT_LHR;TGL_LHR;AGAMA;STAT_KWN;PDDK_AKH;JENIS_PKRJN;STAT_HBKEL;ALAMAT;NO_RT;NO_RW;DUSUN;NO_PROP;NO_KAB;NO_KEC;NO_KEL;NAMA_LGKP_IBU';
const ROW =
  '3174091203150001;3174091705800001;BUDI SANTOSO;LAKI-LAKI;JAKARTA;17-05-1980;ISLAM;KAWIN;SLTA/SEDERAJAT;KARYAWAN SWASTA;KEPALA KELUARGA;"JL. KEMUNING; NO. 7";3;5;;31;74;9;1005;SITI';

function job(overrides: Record<string, unknown> = {}) {
  return {
    id: JOB_ID,
    status: ImportStatus.Running,
    filename: null,
    sha256: 'f'.repeat(64),
    total: 1,
    processed: 0,
    accepted: 0,
    unchanged: 0,
    rejected: 0,
    createdBy: 'officer-1',
    createdAt: '2026-03-02T08:00:00.000Z',
    startedAt: '2026-03-02T08:00:00.000Z',
    finishedAt: null,
    failure: null,
    ...overrides,
  };
}

describe(ImportsController.name, () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp({ IMPORT_MAX_BYTES: String(2 * 1024 * 1024) });
  });
  afterAll(() => spec.close());
  beforeEach(() => {
    spec.rpc.reset();
    spec.rpc.answer(POPULATION_IMPORTS_CREATE, () => ({
      job: job({ status: ImportStatus.Queued, total: 0 }),
      uploadToken: TOKEN,
    }));
    spec.rpc.answer(POPULATION_IMPORTS_APPEND, (r) => ({
      received: ((r.chunk as { rows: unknown[] }).rows ?? []).length,
    }));
    spec.rpc.answer(POPULATION_IMPORTS_START, () => job());
  });

  const post = (body: string | Buffer, headers: Record<string, string> = {}, as: object | null = REGISTRAR) =>
    spec.request({
      method: 'POST',
      url: '/v1/imports/residents',
      payload: body,
      headers: { 'content-type': 'text/csv', ...headers },
      as,
    });
  const calls = (subject: string) => spec.rpc.calls.filter((c) => c.subject === subject);
  const valuesOf = (fields: Partial<Record<ImportColumn, string>>) =>
    IMPORT_COLUMNS.map((c) => fields[c] ?? '');

  it('creates the job for the file SHA-256, sends its rows in layout order and starts it: 202 with Location', async () => {
    const file = `\uFEFF${HEADER}\r\n${ROW}\r\n`;
    const res = await post(file, {
      'content-disposition': 'attachment; filename="C:\\data\\penduduk tanjung barat.csv"',
    });
    expect(res.statusCode).toBe(202);
    expect(res.headers.location).toBe(`/v1/imports/${JOB_ID}`);
    expect(res.json()).toEqual(job());

    const [create] = calls(POPULATION_IMPORTS_CREATE);
    expect(create.request).toEqual({
      actor: expect.objectContaining({ sub: 'officer-1', roles: [Role.Registrar], jurisdiction: ['3174'] }),
      job: {
        sha256: createHash('sha256').update(Buffer.from(file)).digest('hex'),
        filename: 'penduduk tanjung barat.csv',
        columns: expect.objectContaining({ NO_KK: 'NO_KK', NIK: 'NIK', NO_KEL: 'NO_KEL' }),
      },
    });
    expect(Object.keys(create.request.job as object)).not.toContain('KODE_DESA');
    expect(calls(POPULATION_IMPORTS_APPEND).map((c) => c.request)).toEqual([
      {
        actor: expect.any(Object),
        id: JOB_ID,
        chunk: {
          uploadToken: TOKEN,
          rows: [
            {
              row: 2,
              values: valuesOf({
                [ImportColumn.NoKk]: '3174091203150001',
                [ImportColumn.Nik]: '3174091705800001',
                [ImportColumn.NamaLgkp]: 'BUDI SANTOSO',
                [ImportColumn.JenisKlmin]: 'LAKI-LAKI',
                [ImportColumn.TmptLhr]: 'JAKARTA',
                [ImportColumn.TglLhr]: '17-05-1980',
                [ImportColumn.Agama]: 'ISLAM',
                [ImportColumn.StatKwn]: 'KAWIN',
                [ImportColumn.PddkAkh]: 'SLTA/SEDERAJAT',
                [ImportColumn.JenisPkrjn]: 'KARYAWAN SWASTA',
                [ImportColumn.StatHbkel]: 'KEPALA KELUARGA',
                [ImportColumn.Alamat]: 'JL. KEMUNING; NO. 7',
                [ImportColumn.NoRt]: '3',
                [ImportColumn.NoRw]: '5',
                [ImportColumn.NoProp]: '31',
                [ImportColumn.NoKab]: '74',
                [ImportColumn.NoKec]: '9',
                [ImportColumn.NoKel]: '1005',
              }),
            },
          ],
        },
      },
    ]);
    expect(calls(POPULATION_IMPORTS_START).map((c) => c.request.start)).toEqual([
      { uploadToken: TOKEN, rowCount: 1 },
    ]);
  });

  it('answers a file uploaded before with 200 and its existing job, sending no rows', async () => {
    spec.rpc.answer(POPULATION_IMPORTS_CREATE, () => ({
      job: job({ status: ImportStatus.Done, processed: 1, accepted: 1 }),
      uploadToken: null,
    }));
    const res = await post(`${HEADER}\n${ROW}\n`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.location).toBe(`/v1/imports/${JOB_ID}`);
    expect(res.json()).toMatchObject({ status: ImportStatus.Done, accepted: 1 });
    expect(calls(POPULATION_IMPORTS_APPEND)).toEqual([]);
    expect(calls(POPULATION_IMPORTS_START)).toEqual([]);
  });

  it('reads commas, header aliases, the line of each record, and marks a record of the wrong width', async () => {
    const header =
      'No. KK,NIK,Nama Lengkap,Jenis Kelamin,Tempat Lahir,Tanggal Lahir,Agama,Status Kawin,Pendidikan,Pekerjaan,SHDK,Alamat,RT,RW,Kode Desa';
    const row =
      '3174091203150001,3174091705800001,BUDI,L,JAKARTA,17-05-1980,ISLAM,KAWIN,SLTA,GURU,KEPALA KELUARGA,JL. A,1,2,3174091005';
    const res = await post(`${header}\n${row}\n\n${row},extra\n`);
    expect(res.statusCode).toBe(202);
    const rows = (
      calls(POPULATION_IMPORTS_APPEND)[0].request.chunk as {
        rows: Array<{ row: number; defect?: string; values: string[] }>;
      }
    ).rows;
    expect(rows.map((r) => [r.row, r.defect])).toEqual([
      [2, undefined],
      [4, ImportRowDefect.ColumnCount],
    ]);
    expect(rows[0].values[IMPORT_COLUMNS.indexOf(ImportColumn.KodeDesa)]).toBe('3174091005');
    expect(
      (calls(POPULATION_IMPORTS_CREATE)[0].request.job as { columns: Record<string, string> }).columns,
    ).toMatchObject({
      NO_KK: 'No. KK',
      STAT_KWN: 'Status Kawin',
      KODE_DESA: 'Kode Desa',
    });
    expect(calls(POPULATION_IMPORTS_START)[0].request.start).toEqual({ uploadToken: TOKEN, rowCount: 2 });
  });

  it('sends a big file in chunks that fit a NATS message, every row once and in order', async () => {
    const lines = Array.from({ length: 4500 }, () => ROW);
    const res = await post(`${HEADER}\n${lines.join('\n')}\n`);
    expect(res.statusCode).toBe(202);
    const appends = calls(POPULATION_IMPORTS_APPEND);
    expect(appends.length).toBeGreaterThanOrEqual(3);
    for (const a of appends) expect(Buffer.byteLength(JSON.stringify(a.request))).toBeLessThan(900 * 1024);
    const rows = appends.flatMap((a) =>
      (a.request.chunk as { rows: Array<{ row: number }> }).rows.map((r) => r.row),
    );
    expect(rows).toEqual(Array.from({ length: 4500 }, (_, i) => i + 2));
    expect(calls(POPULATION_IMPORTS_START)[0].request.start).toEqual({ uploadToken: TOKEN, rowCount: 4500 });
  });

  it.each([
    ['a header without NIK', `${HEADER.replace(';NIK;', ';NOMOR;')}\n${ROW}\n`, 'missingColumn'],
    [
      'a header without any village column',
      `${HEADER.replace(';NO_KEL', ';KELURAHAN')}\n${ROW}\n`,
      'missingColumn',
    ],
    ['a header only', `${HEADER}\n`, 'noRows'],
    ['an empty file', '', 'empty'],
    ['a quote never closed', `${HEADER}\n${ROW.replace('"JL.', 'JL.')}\n`, 'csv'],
  ])('refuses %s with 400 naming the file, before any job exists', async (_case, body, code) => {
    const res = await post(body);
    expect(res.statusCode).toBe(400);
    expect(problemOf(res)).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: expect.arrayContaining([expect.objectContaining({ field: 'file', code })]),
    });
    expect(spec.rpc.calls).toEqual([]);
  });

  it('refuses a file that is not UTF-8, without quoting it', async () => {
    const res = await post(
      Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from([0x53, 0x49, 0x54, 0xff, 0x0a])]),
    );
    expect(res.statusCode).toBe(400);
    expect(problemOf(res)).toMatchObject({
      errors: [expect.objectContaining({ field: 'file', code: 'utf8' })],
    });
  });

  it('answers a body that is not text/csv with 415 and a file over IMPORT_MAX_BYTES with 413', async () => {
    const json = await spec.request({
      method: 'POST',
      url: '/v1/imports/residents',
      payload: { rows: [] },
      as: REGISTRAR,
    });
    expect(json.statusCode).toBe(415);
    expect(problemOf(json)).toMatchObject({
      type: 'urn:terpadu:problem:unsupported-media-type',
      title: 'Unsupported media type',
      status: 415,
      code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      detail: 'Send the file as the body, with Content-Type: text/csv',
    });
    const big = await post(`${HEADER}\n${ROW}\n`.padEnd(3 * 1024 * 1024, 'x'));
    expect(big.statusCode).toBe(413);
    expect(problemOf(big)).toMatchObject({ code: ErrorCode.PAYLOAD_TOO_LARGE, status: 413 });
    expect(spec.rpc.calls).toEqual([]);
  });

  it('keeps a JSON body of another route under the default 1 MB limit', async () => {
    const res = await spec.request({
      method: 'POST',
      url: '/v1/residents/search',
      payload: { name: 'x'.repeat(1_100_000) },
      as: REGISTRAR,
    });
    expect(res.statusCode).toBe(413);
    expect(problemOf(res)).toMatchObject({ code: ErrorCode.PAYLOAD_TOO_LARGE });
  });

  it("answers the service's errors as problem+json", async () => {
    spec.rpc.answer(POPULATION_IMPORTS_CREATE, () => {
      throw new ServiceCallError(
        { code: ErrorCode.IMPORT_FILE_ALREADY_IMPORTED, status: 409, detail: 'imported by another office' },
        POPULATION_IMPORTS_CREATE,
      );
    });
    const res = await post(`${HEADER}\n${ROW}\n`);
    expect(res.statusCode).toBe(409);
    expect(problemOf(res)).toMatchObject({ code: ErrorCode.IMPORT_FILE_ALREADY_IMPORTED });
  });

  it.each(rolesExcept(EXPECTED_ACCESS.importResidents))(
    'refuses role %s an import with 403',
    async (role) => {
      const res = await post(`${HEADER}\n${ROW}\n`, {}, { roles: [role], jurisdiction: ['3174'] });
      expect(res.statusCode).toBe(403);
      expect(spec.rpc.calls).toEqual([]);
    },
  );

  it('forwards GET /v1/imports/{id} and its report with the query, to registrars and auditors', async () => {
    spec.rpc.answer(POPULATION_IMPORTS_GET, () => job());
    spec.rpc.answer(POPULATION_IMPORTS_ROWS, () => ({ items: [], nextCursor: null }));
    for (const role of EXPECTED_ACCESS.readImports) {
      const as = { roles: [role], jurisdiction: ['3174'] };
      await expect(spec.request({ method: 'GET', url: `/v1/imports/${JOB_ID}`, as })).resolves.toMatchObject({
        statusCode: 200,
      });
      const rows = await spec.request({
        method: 'GET',
        url: `/v1/imports/${JOB_ID}/rows?outcome=REJECTED&limit=50&cursor=17`,
        as,
      });
      expect(rows.statusCode).toBe(200);
    }
    expect(calls(POPULATION_IMPORTS_ROWS)[0].request).toMatchObject({
      id: JOB_ID,
      query: { outcome: 'REJECTED', limit: 50, cursor: '17' },
    });
    for (const role of rolesExcept(EXPECTED_ACCESS.readImports)) {
      const res = await spec.request({ method: 'GET', url: `/v1/imports/${JOB_ID}`, as: { roles: [role] } });
      expect(res.statusCode).toBe(403);
    }
  });

  it.each([
    ['an id that is not a UUID', '/v1/imports/42', 'id'],
    ['an unknown outcome', `/v1/imports/${JOB_ID}/rows?outcome=MAYBE`, 'outcome'],
    ['a limit over 500', `/v1/imports/${JOB_ID}/rows?limit=501`, 'limit'],
  ])('answers %s with 400 naming the field', async (_case, url, field) => {
    const res = await spec.request({ method: 'GET', url, as: REGISTRAR });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res)).toMatchObject({ errors: [expect.objectContaining({ field })] });
  });
});
