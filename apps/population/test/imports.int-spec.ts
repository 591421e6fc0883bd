import {
  ErrorCode,
  FAMILY_CARD_CHANGED_V1,
  FamilyRelationship,
  ImportColumn,
  ImportRejectReason,
  ImportRowDefect,
  ImportRowOutcome,
  ImportStatus,
  POPULATION_FAMILY_CARDS_CREATE,
  POPULATION_FAMILY_CARDS_GET,
  POPULATION_IMPORTS_APPEND,
  POPULATION_IMPORTS_CREATE,
  POPULATION_IMPORTS_GET,
  POPULATION_IMPORTS_ROWS,
  POPULATION_IMPORTS_START,
  POPULATION_RESIDENTS_GET,
  POPULATION_RESIDENTS_REGISTER,
  RESIDENT_REGISTERED_V1,
  ResidentStatus,
  Sex,
  STREAMS,
} from '@terpadu/contracts';
import { Client } from 'pg';
import { ImportProcessor } from '../src/imports/import-processor';
import { ImportsService } from '../src/imports/imports.service';
import { type ServiceTestApp } from '@terpadu/service-testing';
import { generateDemoVillage, StreamReader } from '@terpadu/testing';
import { registrar, residentDto } from './builders';
import {
  DEMO_COLUMNS,
  demoRows,
  KODE_DESA_COLUMNS,
  report,
  sha256Of,
  startAnotherService,
  type UploadRow,
  upload,
  values,
  waitUntilFinished,
} from './import-fixtures';
import { type PopulationTestApp, startPopulationApp } from './population-app';

const TANJUNG_BARAT = '3174091005';
const KK_A = '3174091203150001';
const KK_B = '3174090101200002';
const KK_C = '3174090505180003';
const KK_E = '3174090202200001';

/** A complete, valid row of a SIAK export; each line below changes what it tests. */
const base = {
  [ImportColumn.NoKk]: KK_A,
  [ImportColumn.NamaLgkp]: 'BUDI SANTOSO',
  [ImportColumn.JenisKlmin]: 'LAKI-LAKI',
  [ImportColumn.TmptLhr]: 'JAKARTA',
  [ImportColumn.Agama]: 'ISLAM',
  [ImportColumn.StatKwn]: 'KAWIN',
  [ImportColumn.PddkAkh]: 'SLTA/SEDERAJAT',
  [ImportColumn.JenisPkrjn]: 'KARYAWAN SWASTA',
  [ImportColumn.StatHbkel]: 'KEPALA KELUARGA',
  [ImportColumn.Alamat]: 'JL. KEMUNING NO. 7',
  [ImportColumn.NoRt]: '3',
  [ImportColumn.NoRw]: '05',
  [ImportColumn.KodeDesa]: '31.74.09.1005',
};
const line = (row: number, fields: Partial<Record<ImportColumn, string>>): UploadRow => ({
  row,
  values: values({ ...base, ...fields }),
});
const child = (nik: string, birth: string, fields: Partial<Record<ImportColumn, string>> = {}) => ({
  [ImportColumn.Nik]: nik,
  [ImportColumn.TglLhr]: birth,
  [ImportColumn.StatHbkel]: 'ANAK',
  [ImportColumn.StatKwn]: 'BELUM KAWIN',
  [ImportColumn.JenisPkrjn]: 'PELAJAR/MAHASISWA',
  ...fields,
});

/** The file's header names STAT_KWN as STATUS_KAWIN: the report names that column as the file does. */
const COLUMNS = { ...KODE_DESA_COLUMNS, [ImportColumn.StatKwn]: 'STATUS_KAWIN' };

describe(`${ImportsService.name} over NATS`, () => {
  let t: PopulationTestApp;
  const actor = registrar();
  const REGISTERED_NIK = '3174095708900001';
  let takenCard: string;

  beforeAll(async () => {
    t = await startPopulationApp();
    // Already in the registry before any import: a person with other data, and a card with its head.
    await t.send(POPULATION_RESIDENTS_REGISTER, {
      actor,
      resident: residentDto({
        nik: REGISTERED_NIK,
        birthDate: '1990-08-17',
        sex: Sex.Female,
        address: { villageCode: TANJUNG_BARAT, rt: '001', rw: '001', street: 'Jl. Gardu 1' },
      }),
    });
    const head = await t.send(POPULATION_RESIDENTS_REGISTER, {
      actor,
      resident: residentDto({
        nik: '3174090101700001',
        birthDate: '1970-01-01',
        address: { villageCode: TANJUNG_BARAT, rt: '001', rw: '001', street: 'Jl. Gardu 2' },
      }),
    });
    takenCard = (await t.send(POPULATION_FAMILY_CARDS_CREATE, { actor, card: { headNik: head.nik } })).number;
  });

  afterAll(async () => {
    await t?.close();
  });

  const residentCount = async () =>
    Number((await t.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM residents`))[0].n);

  /** Good and bad lines, each bad one wrong in one way. */
  const mixedFile = (): UploadRow[] => [
    line(2, { [ImportColumn.Nik]: '3174091705800001', [ImportColumn.TglLhr]: '17-05-1980' }),
    line(3, {
      [ImportColumn.Nik]: '3174094402830001',
      [ImportColumn.NamaLgkp]: 'SITI AMINAH',
      [ImportColumn.JenisKlmin]: 'PEREMPUAN',
      [ImportColumn.TglLhr]: '04/02/1983',
      [ImportColumn.StatHbkel]: 'ISTRI',
      [ImportColumn.JenisPkrjn]: 'MENGURUS RUMAH TANGGA',
    }),
    line(4, child('3174091010100001', '10-10-2010', { [ImportColumn.NamaLgkp]: 'RIZKY SANTOSO' })),
    line(5, child('3174093102100001', '31-01-2010')),
    line(6, child('3174091502120001', '31-02-2012')),
    line(7, child('3174091503120001', '15-03-2012', { [ImportColumn.Agama]: 'JEDI' })),
    line(8, child('3174091010100001', '10-10-2010')),
    line(9, {
      [ImportColumn.NoKk]: KK_B,
      [ImportColumn.Nik]: '3174090303750001',
      [ImportColumn.TglLhr]: '03-03-1975',
      [ImportColumn.KodeDesa]: '3174099999',
    }),
    line(10, { [ImportColumn.NoKk]: KK_B, ...child('3174090404050001', '04-04-2005') }),
    line(11, { [ImportColumn.NoKk]: KK_C, ...child('3174090505060001', '05-05-2006') }),
    line(12, { [ImportColumn.Nik]: '3174090606660001', [ImportColumn.TglLhr]: '06-06-1966' }),
    line(13, {
      [ImportColumn.Nik]: REGISTERED_NIK,
      [ImportColumn.JenisKlmin]: 'PEREMPUAN',
      [ImportColumn.TglLhr]: '17-08-1990',
      [ImportColumn.StatHbkel]: 'FAMILI LAIN',
    }),
    {
      row: 14,
      values: values({ ...base, [ImportColumn.Nik]: '3174090707770001' }),
      defect: ImportRowDefect.ColumnCount,
    },
    line(15, {
      [ImportColumn.NoKk]: takenCard,
      [ImportColumn.Nik]: '3174090808780001',
      [ImportColumn.TglLhr]: '08-08-1978',
    }),
    line(16, {
      [ImportColumn.NoKk]: '3201010101200001',
      [ImportColumn.Nik]: '3201010909790001',
      [ImportColumn.TglLhr]: '09-09-1979',
      [ImportColumn.KodeDesa]: '3201011001',
    }),
    // SIAK's numeric codes and older spellings.
    line(17, {
      [ImportColumn.NoKk]: KK_E,
      [ImportColumn.Nik]: '3174095101900001',
      [ImportColumn.NamaLgkp]: 'MARIA ULFA',
      [ImportColumn.JenisKlmin]: '2',
      [ImportColumn.TglLhr]: '11-01-1990',
      [ImportColumn.Agama]: 'KATHOLIK',
      [ImportColumn.StatKwn]: '4',
      [ImportColumn.PddkAkh]: 'DIPLOMA IV/STRATA I',
      [ImportColumn.StatHbkel]: '1',
      [ImportColumn.NoRt]: '12',
      [ImportColumn.NoRw]: '8',
      [ImportColumn.Dusun]: '',
    }),
    line(18, {
      [ImportColumn.NoKk]: KK_E,
      ...child('3174091111150001', '11-11-2015', { [ImportColumn.NoRt]: '0' }),
    }),
    line(19, {
      [ImportColumn.NoKk]: KK_E,
      ...child('3174091212150001', '12-12-2015', { [ImportColumn.NamaLgkp]: '  ' }),
    }),
    line(20, { [ImportColumn.NoKk]: KK_E, ...child('3174090101270001', '01-01-2027') }),
    line(21, {
      [ImportColumn.NoKk]: '12345',
      [ImportColumn.Nik]: '3174090202810001',
      [ImportColumn.TglLhr]: '02-02-1981',
    }),
    line(22, {
      [ImportColumn.NoKk]: KK_E,
      ...child('3174090303160001', '03-03-2016', { [ImportColumn.StatKwn]: 'JOMBLO' }),
    }),
    line(23, {
      [ImportColumn.NoKk]: KK_E,
      ...child('3174094404160001', '04-04-2016', { [ImportColumn.JenisKlmin]: 'PEREMPUAN' }),
    }),
  ];

  const accepted = (row: number, nik: string, card: string) => ({
    row,
    outcome: ImportRowOutcome.Accepted,
    nik,
    residentId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
    familyCardNumber: card,
    reason: null,
    column: null,
    message: null,
  });
  const rejected = (row: number, nik: string | null, reason: ImportRejectReason, column: string | null) => ({
    row,
    outcome: ImportRowOutcome.Rejected,
    nik,
    residentId: null,
    familyCardNumber: null,
    reason,
    column,
    message: expect.any(String) as unknown,
  });

  let firstJobId: string;

  it('registers the good lines and reports each bad one with its reason and column', async () => {
    const before = await residentCount();
    const { job, created } = await upload(t, actor, mixedFile(), { columns: COLUMNS });
    expect(created).toBe(true);
    expect(job).toMatchObject({
      status: ImportStatus.Running,
      total: 22,
      filename: 'export.csv',
      createdBy: actor.sub,
    });
    firstJobId = job.id;

    const done = await waitUntilFinished(t, actor, job.id);
    expect(done).toMatchObject({
      status: ImportStatus.Done,
      total: 22,
      processed: 22,
      accepted: 5,
      unchanged: 0,
      rejected: 17,
      failure: null,
    });
    expect(done.finishedAt).toBe(t.clock.now().toISOString());

    await expect(report(t, actor, job.id)).resolves.toEqual([
      accepted(2, '3174091705800001', KK_A),
      accepted(3, '3174094402830001', KK_A),
      accepted(4, '3174091010100001', KK_A),
      rejected(5, '3174093102100001', ImportRejectReason.InvalidNik, 'NIK'),
      rejected(6, '3174091502120001', ImportRejectReason.InvalidDate, 'TGL_LHR'),
      rejected(7, '3174091503120001', ImportRejectReason.UnknownValue, 'AGAMA'),
      rejected(8, '3174091010100001', ImportRejectReason.DuplicateNikInFile, 'NIK'),
      rejected(9, '3174090303750001', ImportRejectReason.UnknownVillage, 'KODE_DESA'),
      rejected(10, '3174090404050001', ImportRejectReason.FamilyHeadMissing, 'NO_KK'),
      rejected(11, '3174090505060001', ImportRejectReason.FamilyHeadMissing, 'NO_KK'),
      rejected(12, '3174090606660001', ImportRejectReason.DuplicateFamilyHead, 'STAT_HBKEL'),
      rejected(13, REGISTERED_NIK, ImportRejectReason.NikAlreadyRegistered, 'NIK'),
      rejected(14, '3174090707770001', ImportRejectReason.ColumnCount, null),
      rejected(15, '3174090808780001', ImportRejectReason.FamilyCardNumberTaken, 'NO_KK'),
      rejected(16, '3201010909790001', ImportRejectReason.OutsideJurisdiction, 'KODE_DESA'),
      accepted(17, '3174095101900001', KK_E),
      rejected(18, '3174091111150001', ImportRejectReason.InvalidFormat, 'NO_RT'),
      rejected(19, '3174091212150001', ImportRejectReason.MissingValue, 'NAMA_LGKP'),
      rejected(20, '3174090101270001', ImportRejectReason.InvalidDate, 'TGL_LHR'),
      rejected(21, '3174090202810001', ImportRejectReason.InvalidFormat, 'NO_KK'),
      rejected(22, '3174090303160001', ImportRejectReason.UnknownValue, 'STATUS_KAWIN'),
      accepted(23, '3174094404160001', KK_E),
    ]);
    expect(await residentCount()).toBe(before + 5);
    // Every registered person is in the access log of the import, and reading the report is an access too.
    const registeredIds = (await report(t, actor, job.id, ImportRowOutcome.Accepted)).map(
      (r) => r.residentId,
    );
    const logged = await t.dataSource.query<{ action: string; actor_sub: string; resident_ids: string[] }[]>(
      `SELECT action, actor_sub, resident_ids FROM data_access_log WHERE action IN ('RESIDENT_IMPORT', 'IMPORT_REPORT_READ') ORDER BY id`,
    );
    expect(logged.filter((l) => l.action === 'RESIDENT_IMPORT').flatMap((l) => l.resident_ids)).toEqual(
      expect.arrayContaining(registeredIds),
    );
    expect(logged.filter((l) => l.action === 'IMPORT_REPORT_READ').length).toBeGreaterThanOrEqual(2);
    expect(new Set(logged.map((l) => l.actor_sub))).toEqual(new Set([actor.sub]));
    const onlyRejected = await report(t, actor, job.id, ImportRowOutcome.Rejected);
    expect(onlyRejected.map((r) => r.row)).toEqual([
      5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 21, 22,
    ]);
  });

  it('registers accepted lines like any registration: SIAK spellings mapped, family cards as the file gives them', async () => {
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: '3174095101900001' })).resolves.toMatchObject(
      {
        fullName: 'MARIA ULFA',
        sex: Sex.Female,
        birthDate: '1990-01-11',
        religion: 'KATOLIK',
        maritalStatus: 'CERAI_MATI',
        educationLevel: 'D4_S1',
        address: { villageCode: TANJUNG_BARAT, rt: '012', rw: '008', street: 'JL. KEMUNING NO. 7' },
        status: ResidentStatus.Hidup,
        familyCard: { number: KK_E, relationship: FamilyRelationship.KepalaKeluarga },
        reviewFlags: [],
      },
    );
    const card = await t.send(POPULATION_FAMILY_CARDS_GET, { actor, number: KK_A });
    expect(card).toMatchObject({
      number: KK_A,
      issuedOn: '2015-03-12',
      headNik: '3174091705800001',
      address: { villageCode: TANJUNG_BARAT, rt: '003', rw: '005', street: 'JL. KEMUNING NO. 7' },
    });
    expect(card.members.map((m) => [m.nik, m.relationship])).toEqual([
      ['3174091705800001', FamilyRelationship.KepalaKeluarga],
      ['3174094402830001', FamilyRelationship.Istri],
      ['3174091010100001', FamilyRelationship.Anak],
    ]);
    // A card issued later for the same district and day must not reuse the imported serial.
    const [serial] = await t.dataSource.query<{ last_serial: number }[]>(
      `SELECT last_serial FROM family_card_serials WHERE prefix = $1`,
      [KK_A.slice(0, 12)],
    );
    expect(serial.last_serial).toBe(1);
  });

  it('publishes each registration and each new card through the outbox', async () => {
    const stream = await StreamReader.connect(t.nats.url, STREAMS.population);
    try {
      const registered = await stream.waitFor(
        RESIDENT_REGISTERED_V1,
        (e) => e.data.nik === '3174091010100001',
      );
      expect(registered.event.data).toMatchObject({
        familyCardNumber: KK_A,
        villageCode: TANJUNG_BARAT,
        sex: Sex.Male,
      });
      const created = await stream.waitFor(FAMILY_CARD_CHANGED_V1, (e) => e.data.familyCardNumber === KK_A);
      expect(created.event.data).toMatchObject({
        change: 'CREATED',
        headNik: '3174091705800001',
        members: [
          { nik: '3174091705800001', relationship: FamilyRelationship.KepalaKeluarga },
          { nik: '3174094402830001', relationship: FamilyRelationship.Istri },
          { nik: '3174091010100001', relationship: FamilyRelationship.Anak },
        ],
      });
    } finally {
      await stream.close();
    }
  });

  it('answers the same file uploaded again with the same job and changes nothing', async () => {
    const before = await residentCount();
    const again = await t.send(POPULATION_IMPORTS_CREATE, {
      actor,
      job: { sha256: sha256Of(mixedFile()), filename: 'again.csv', columns: COLUMNS },
    });
    expect(again).toEqual({
      job: expect.objectContaining({
        id: firstJobId,
        status: ImportStatus.Done,
        filename: 'export.csv',
        accepted: 5,
      }) as unknown,
      uploadToken: null,
    });
    expect(await residentCount()).toBe(before);
  });

  it('reports the people of another file that are already registered as UNCHANGED, and adds the new ones', async () => {
    const before = await residentCount();
    const rows = [
      ...mixedFile().filter((r) => [2, 3, 4].includes(r.row)),
      line(
        5,
        child('3174094101200001', '01-01-2020', {
          [ImportColumn.JenisKlmin]: 'P',
          [ImportColumn.NamaLgkp]: 'ZAHRA SANTOSO',
        }),
      ),
    ];
    const { job } = await upload(t, actor, rows, { columns: COLUMNS });
    expect(job.id).not.toBe(firstJobId);
    await expect(waitUntilFinished(t, actor, job.id)).resolves.toMatchObject({
      status: ImportStatus.Done,
      accepted: 1,
      unchanged: 3,
      rejected: 0,
    });
    expect((await report(t, actor, job.id)).map((r) => [r.row, r.outcome, r.familyCardNumber])).toEqual([
      [2, ImportRowOutcome.Unchanged, KK_A],
      [3, ImportRowOutcome.Unchanged, KK_A],
      [4, ImportRowOutcome.Unchanged, KK_A],
      [5, ImportRowOutcome.Accepted, KK_A],
    ]);
    expect(await residentCount()).toBe(before + 1);
    const card = await t.send(POPULATION_FAMILY_CARDS_GET, { actor, number: KK_A });
    expect(card.members.map((m) => m.nik)).toEqual([
      '3174091705800001',
      '3174094402830001',
      '3174091010100001',
      '3174094101200001',
    ]);
    const stream = await StreamReader.connect(t.nats.url, STREAMS.population);
    try {
      const added = await stream.waitFor(
        FAMILY_CARD_CHANGED_V1,
        (e) => e.data.change === 'MEMBER_ADDED' && e.data.affectedNik === '3174094101200001',
      );
      expect(added.event.data).toMatchObject({
        familyCardNumber: KK_A,
        headNik: '3174091705800001',
        members: [
          { nik: '3174091705800001' },
          { nik: '3174094402830001' },
          { nik: '3174091010100001' },
          { nik: '3174094101200001', relationship: FamilyRelationship.Anak },
        ],
      });
    } finally {
      await stream.close();
    }
  });

  it('refuses a changed person as already registered instead of overwriting the record', async () => {
    const rows = [
      line(2, {
        [ImportColumn.Nik]: '3174091705800001',
        [ImportColumn.TglLhr]: '17-05-1980',
        [ImportColumn.NamaLgkp]: 'BUDI SANTOSA',
      }),
    ];
    const { job } = await upload(t, actor, rows, { columns: COLUMNS });
    await waitUntilFinished(t, actor, job.id);
    await expect(report(t, actor, job.id)).resolves.toEqual([
      rejected(2, '3174091705800001', ImportRejectReason.NikAlreadyRegistered, 'NIK'),
    ]);
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: '3174091705800001' })).resolves.toMatchObject(
      { fullName: 'BUDI SANTOSO' },
    );
  });

  it('imports a family whose head line comes after its members', async () => {
    const rows = [
      line(2, { [ImportColumn.NoKk]: '3174091506190001', ...child('3174091506190002', '15-06-2019') }),
      line(3, {
        [ImportColumn.NoKk]: '3174091506190001',
        [ImportColumn.Nik]: '3174091506880001',
        [ImportColumn.TglLhr]: '15-06-1988',
      }),
    ];
    const { job } = await upload(t, actor, rows, { columns: COLUMNS });
    await expect(waitUntilFinished(t, actor, job.id)).resolves.toMatchObject({ accepted: 2, rejected: 0 });
    const card = await t.send(POPULATION_FAMILY_CARDS_GET, { actor, number: '3174091506190001' });
    expect(card.headNik).toBe('3174091506880001');
  });

  describe('the upload', () => {
    const rows = [
      line(2, {
        [ImportColumn.NoKk]: '3174090909090009',
        [ImportColumn.Nik]: '3174090909890009',
        [ImportColumn.TglLhr]: '09-09-1989',
      }),
    ];

    it('starts only with every announced row, and a newer upload of the same file closes the older one', async () => {
      const sha256 = sha256Of(rows, 'upload');
      const first = await t.send(POPULATION_IMPORTS_CREATE, { actor, job: { sha256, columns: COLUMNS } });
      expect(first.uploadToken).toEqual(expect.any(String));
      const incomplete = await t.rpcError(POPULATION_IMPORTS_START, {
        actor,
        id: first.job.id,
        start: { uploadToken: first.uploadToken!, rowCount: 1 },
      });
      expect(incomplete).toMatchObject({ code: ErrorCode.IMPORT_INCOMPLETE, status: 409 });

      const second = await t.send(POPULATION_IMPORTS_CREATE, { actor, job: { sha256, columns: COLUMNS } });
      expect(second.job.id).toBe(first.job.id);
      expect(second.uploadToken).not.toBe(first.uploadToken);
      await expect(
        t.rpcError(POPULATION_IMPORTS_APPEND, {
          actor,
          id: first.job.id,
          chunk: { uploadToken: first.uploadToken!, rows },
        }),
      ).resolves.toMatchObject({ code: ErrorCode.IMPORT_UPLOAD_CLOSED, status: 409 });

      // A chunk sent twice (a retry) counts once.
      for (let i = 0; i < 2; i++)
        await t.send(POPULATION_IMPORTS_APPEND, {
          actor,
          id: first.job.id,
          chunk: { uploadToken: second.uploadToken!, rows },
        });
      await t.send(POPULATION_IMPORTS_START, {
        actor,
        id: first.job.id,
        start: { uploadToken: second.uploadToken!, rowCount: 1 },
      });
      await expect(waitUntilFinished(t, actor, first.job.id)).resolves.toMatchObject({
        total: 1,
        accepted: 1,
      });
      await expect(
        t.rpcError(POPULATION_IMPORTS_START, {
          actor,
          id: first.job.id,
          start: { uploadToken: second.uploadToken!, rowCount: 1 },
        }),
      ).resolves.toMatchObject({ code: ErrorCode.IMPORT_UPLOAD_CLOSED });
    });

    it('keeps a job out of sight of callers whose jurisdiction does not cover the uploader', async () => {
      const other = registrar({ sub: 'registrar-bogor', jurisdiction: ['3201'] });
      const narrower = registrar({ sub: 'registrar-jagakarsa', jurisdiction: ['317409'] });
      for (const caller of [other, narrower]) {
        await expect(
          t.rpcError(POPULATION_IMPORTS_GET, { actor: caller, id: firstJobId }),
        ).resolves.toMatchObject({ code: ErrorCode.IMPORT_NOT_FOUND, status: 404 });
        await expect(
          t.rpcError(POPULATION_IMPORTS_ROWS, { actor: caller, id: firstJobId, query: {} }),
        ).resolves.toMatchObject({ code: ErrorCode.IMPORT_NOT_FOUND });
      }
      await expect(
        t.rpcError(POPULATION_IMPORTS_CREATE, {
          actor: other,
          job: { sha256: sha256Of(mixedFile()), columns: COLUMNS },
        }),
      ).resolves.toMatchObject({ code: ErrorCode.IMPORT_FILE_ALREADY_IMPORTED, status: 409 });
      await expect(
        t.send(POPULATION_IMPORTS_GET, { actor: registrar({ jurisdiction: ['31'] }), id: firstJobId }),
      ).resolves.toMatchObject({ id: firstJobId });
      await expect(
        t.rpcError(POPULATION_IMPORTS_CREATE, {
          actor: registrar({ jurisdiction: [] }),
          job: { sha256: 'a'.repeat(64), columns: COLUMNS },
        }),
      ).resolves.toMatchObject({ code: ErrorCode.FORBIDDEN, status: 403 });
    });

    it('refuses a header without a required column and a row of the wrong width', async () => {
      const withoutNik = Object.fromEntries(Object.entries(COLUMNS).filter(([column]) => column !== 'NIK'));
      await expect(
        t.rpcError(POPULATION_IMPORTS_CREATE, {
          actor,
          job: { sha256: 'b'.repeat(64), columns: withoutNik },
        }),
      ).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'columns' })],
      });
      const created = await t.send(POPULATION_IMPORTS_CREATE, {
        actor,
        job: { sha256: 'c'.repeat(64), columns: COLUMNS },
      });
      await expect(
        t.rpcError(POPULATION_IMPORTS_APPEND, {
          actor,
          id: created.job.id,
          chunk: { uploadToken: created.uploadToken!, rows: [{ row: 2, values: ['1', '2'] }] },
        }),
      ).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'rows.0.values' })],
      });
      await expect(t.rpcError(POPULATION_IMPORTS_GET, { actor, id: 'not-a-uuid' })).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'id' })],
      });
    });
  });

  it('imports a demo village of 5,000 rows sent in several chunks, in several batches, with no duplicate', async () => {
    // Melawai (Kebayoran Baru): NIKs of another district than this suite's other residents.
    const records = generateDemoVillage({ households: 1500, villageCode: '3174071001' }).slice(0, 5000);
    const rows = demoRows(records);
    const before = await residentCount();
    const { job } = await upload(t, actor, rows, { columns: DEMO_COLUMNS, chunkSize: 2000 });
    const done = await waitUntilFinished(t, actor, job.id, 110_000);
    expect(await report(t, actor, job.id, ImportRowOutcome.Rejected)).toEqual([]);
    expect(done).toMatchObject({ status: ImportStatus.Done, total: 5000, processed: 5000, rejected: 0 });
    // The last household may be cut short by the slice: its members still joined their head.
    expect(done.accepted).toBe(5000);
    expect(await residentCount()).toBe(before + 5000);
    const [cards] = await t.dataSource.query<{ n: string }[]>(
      `SELECT count(DISTINCT fc.id) AS n FROM family_cards fc JOIN family_card_members fm ON fm.family_card_id = fc.id
        WHERE fc.number = ANY($1::varchar[])`,
      [[...new Set(records.map((r) => r.NO_KK))]],
    );
    expect(Number(cards.n)).toBe(new Set(records.map((r) => r.NO_KK)).size);
  });
});

describe(`${ImportProcessor.name} across a restart`, () => {
  let t: PopulationTestApp;
  let restarted: ServiceTestApp | undefined;
  const actor = registrar();

  beforeAll(async () => {
    t = await startPopulationApp();
  });

  afterAll(async () => {
    await restarted?.close();
    await t?.close();
  });

  it('leaves a job RUNNING after the last committed batch when the service stops, and finishes it after the restart', async () => {
    const records = generateDemoVillage({ households: 1500, seed: 7 }).slice(0, 4000);
    const { job } = await upload(t, actor, demoRows(records), { columns: DEMO_COLUMNS });
    // The service stops right after the job started: at most the batch in progress commits.
    await t.app.close();
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    const { rows: stoppedRows } = await client
      .query<{ status: string; processed: number }>(
        `SELECT status, processed FROM import_jobs WHERE id = $1`,
        [job.id],
      )
      .finally(() => client.end());
    const [stopped] = stoppedRows;
    expect(stopped.status).toBe(ImportStatus.Running);
    expect(stopped.processed).toBeLessThan(4000);

    restarted = await startAnotherService(t, t.clock);
    t.dataSource = restarted.dataSource;
    const done = await waitUntilFinished(t, actor, job.id, 110_000);
    expect(done).toMatchObject({ status: ImportStatus.Done, processed: 4000, accepted: 4000, rejected: 0 });
    const [counts] = await t.dataSource.query<{ residents: string; distinct_niks: string }[]>(
      `SELECT count(*) AS residents, count(DISTINCT nik) AS distinct_niks FROM residents`,
    );
    expect(counts).toEqual({ residents: '4000', distinct_niks: '4000' });
    const lines = await report(t, actor, job.id);
    expect(lines).toHaveLength(4000);
    expect(new Set(lines.map((l) => l.residentId)).size).toBe(4000);
  });

  it('marks a job FAILED, naming the database error and no row data, when a batch fails for another reason than its rows', async () => {
    await restarted?.close();
    restarted = await startAnotherService(t, t.clock, { batchSize: 500, maxAttempts: 2, retryDelayMs: 10 });
    t.dataSource = restarted.dataSource;
    // The registry cannot write family cards (a broken database): no row is at fault.
    await t.dataSource.query(`ALTER TABLE family_card_serials RENAME TO family_card_serials_away`);
    try {
      const records = generateDemoVillage({ households: 5, villageCode: '3174071002', seed: 3 });
      const { job } = await upload(t, actor, demoRows(records), { columns: DEMO_COLUMNS });
      const failed = await waitUntilFinished(t, actor, job.id);
      expect(failed).toMatchObject({
        status: ImportStatus.Failed,
        processed: 0,
        failure: 'QueryFailedError: database error 42P01',
      });
      expect(failed.finishedAt).not.toBeNull();
      await expect(report(t, actor, job.id)).resolves.toEqual([]);
    } finally {
      await t.dataSource.query(`ALTER TABLE family_card_serials_away RENAME TO family_card_serials`);
    }
  });
});
