import {
  ErrorCode,
  NikWarningCode,
  POPULATION_REGIONS_GET,
  POPULATION_RESIDENTS_REGISTER,
  POPULATION_RESIDENTS_UPDATE,
  RegionLevel,
  Sex,
} from '@terpadu/contracts';
import { loadRegionEdition, readRegionEdition } from '../src/regions/region-data';
import { RegionsService } from '../src/regions/regions.service';
import { registrar, residentDto } from './builders';
import { type PopulationTestApp, startPopulationApp } from './population-app';
import { nikFor } from '@terpadu/testing';

const JAKARTA = { code: '31', name: 'Daerah Khusus Ibukota Jakarta' };
const JAKARTA_SELATAN = { code: '3174', name: 'Kota Administrasi Jakarta Selatan' };
const JAGAKARSA = { code: '317409', name: 'Jagakarsa' };

describe(`${RegionsService.name} over NATS`, () => {
  let t: PopulationTestApp;
  const actor = registrar();

  beforeAll(async () => {
    t = await startPopulationApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const count = async (table: string, where = 'true') =>
    Number(
      (await t.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`))[0].n,
    );

  it('loads every code of the idn-area-data edition, none retired', async () => {
    await expect(count('provinces')).resolves.toBe(38);
    await expect(count('regencies')).resolves.toBe(514);
    await expect(count('districts')).resolves.toBe(7285);
    await expect(count('villages')).resolves.toBe(83762);
    await expect(count('regencies', `name LIKE 'Kota %'`)).resolves.toBe(98);
    await expect(count('villages', 'retired_at IS NOT NULL')).resolves.toBe(0);
  });

  it('answers a village with the names of its district, regency and province', async () => {
    await expect(t.send(POPULATION_REGIONS_GET, { actor, code: '3174091005' })).resolves.toEqual({
      code: '3174091005',
      level: RegionLevel.Village,
      name: 'Tanjung Barat',
      retiredAt: null,
      province: JAKARTA,
      regency: JAKARTA_SELATAN,
      district: JAGAKARSA,
    });
  });

  it('answers each level, dotted codes too, with only the levels above it', async () => {
    await expect(t.send(POPULATION_REGIONS_GET, { actor, code: '31' })).resolves.toEqual({
      ...JAKARTA,
      level: RegionLevel.Province,
      retiredAt: null,
      province: null,
      regency: null,
      district: null,
    });
    await expect(t.send(POPULATION_REGIONS_GET, { actor, code: '31.74' })).resolves.toMatchObject({
      ...JAKARTA_SELATAN,
      level: RegionLevel.Regency,
      province: JAKARTA,
      regency: null,
      district: null,
    });
    await expect(t.send(POPULATION_REGIONS_GET, { actor, code: '31.74.09' })).resolves.toMatchObject({
      ...JAGAKARSA,
      level: RegionLevel.District,
      province: JAKARTA,
      regency: JAKARTA_SELATAN,
      district: null,
    });
  });

  it('answers REGION_NOT_FOUND 404 for an unknown code and VALIDATION_FAILED 400 for a malformed one', async () => {
    for (const code of ['3174099999', '317499', '3169', '99']) {
      await expect(t.rpcError(POPULATION_REGIONS_GET, { actor, code })).resolves.toMatchObject({
        code: ErrorCode.REGION_NOT_FOUND,
        status: 404,
      });
    }
    for (const code of ['317', '31740910051', 'abcd', '']) {
      await expect(t.rpcError(POPULATION_REGIONS_GET, { actor, code })).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        status: 400,
        errors: [expect.objectContaining({ field: 'code', code: 'isRegionCode' })],
      });
    }
  });

  describe('addresses', () => {
    it('refuses to register an address with an unknown village code, naming the field', async () => {
      const dto = residentDto({
        address: { villageCode: '3174049999', rt: '001', rw: '001', street: 'Jl. Fiktif 1' },
      });
      await expect(t.rpcError(POPULATION_RESIDENTS_REGISTER, { actor, resident: dto })).resolves.toEqual({
        code: ErrorCode.VALIDATION_FAILED,
        status: 400,
        detail: 'The request is not valid',
        errors: [
          {
            field: 'address.villageCode',
            code: 'unknownVillage',
            message: 'address.villageCode is not a known village code',
          },
        ],
      });
      await expect(count('residents', `nik = '${dto.nik}'`)).resolves.toBe(0);
    });

    it('refuses a correction that moves a resident to an unknown village', async () => {
      const resident = await t.send(POPULATION_RESIDENTS_REGISTER, { actor, resident: residentDto() });
      const error = await t.rpcError(POPULATION_RESIDENTS_UPDATE, {
        actor,
        nik: resident.nik,
        changes: {
          address: { villageCode: '3174040000', rt: '001', rw: '001', street: 'Jl. Baru' },
          reason: 'Pindah alamat',
        },
      });
      expect(error).toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'address.villageCode', code: 'unknownVillage' })],
      });
      await expect(
        t.send(POPULATION_RESIDENTS_UPDATE, {
          actor,
          nik: resident.nik,
          changes: {
            address: { villageCode: '3174041007', rt: '001', rw: '001', street: 'Jl. Baru' },
            reason: 'Pindah alamat',
          },
        }),
      ).resolves.toMatchObject({ address: { villageCode: '3174041007' } });
    });

    it('warns about a NIK regency or district code that is not in the region tables', async () => {
      const register = (district: string) =>
        t.send(POPULATION_RESIDENTS_REGISTER, {
          actor,
          resident: residentDto({ nik: nikFor('1985-08-17', Sex.Male, district) }),
        });
      await expect(register('317409')).resolves.toMatchObject({ warnings: [] });
      await expect(register('317499')).resolves.toMatchObject({ warnings: [NikWarningCode.UnknownDistrict] });
      await expect(register('316901')).resolves.toMatchObject({ warnings: [NikWarningCode.UnknownRegency] });
    });
  });

  describe('a later edition', () => {
    const CIPEDAK = '3174091006';

    afterAll(async () => {
      const q = t.dataSource.createQueryRunner();
      try {
        await loadRegionEdition(q, readRegionEdition(), t.clock.now());
      } finally {
        await q.release();
      }
    });

    it('retires a code it drops, which still resolves but no longer takes new addresses, and renames', async () => {
      const edition = readRegionEdition();
      edition.villages = edition.villages
        .filter((v) => v.code !== CIPEDAK)
        .map((v) => (v.code === '3174091005' ? { ...v, name: 'Tanjung Barat Baru' } : v));
      const q = t.dataSource.createQueryRunner();
      try {
        await loadRegionEdition(q, edition, t.clock.now());
      } finally {
        await q.release();
      }

      await expect(t.send(POPULATION_REGIONS_GET, { actor, code: CIPEDAK })).resolves.toMatchObject({
        name: 'Cipedak',
        retiredAt: t.clock.now().toISOString(),
        district: JAGAKARSA,
      });
      await expect(t.send(POPULATION_REGIONS_GET, { actor, code: '3174091005' })).resolves.toMatchObject({
        name: 'Tanjung Barat Baru',
        retiredAt: null,
      });
      await expect(count('villages', 'retired_at IS NOT NULL')).resolves.toBe(1);

      const dto = residentDto({
        address: { villageCode: CIPEDAK, rt: '001', rw: '001', street: 'Jl. Lama' },
      });
      await expect(
        t.rpcError(POPULATION_RESIDENTS_REGISTER, { actor, resident: dto }),
      ).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        errors: [expect.objectContaining({ field: 'address.villageCode', code: 'retiredVillage' })],
      });
      // The letterhead lookup still names a retired village and its parents.
      await expect(t.app.get(RegionsService).findVillage(CIPEDAK)).resolves.toMatchObject({
        name: 'Cipedak',
        kind: 'KELURAHAN',
        retiredAt: t.clock.now(),
        district: JAGAKARSA,
        regency: JAKARTA_SELATAN,
        province: JAKARTA,
      });
    });

    it('brings a code back when an edition has it again', async () => {
      const q = t.dataSource.createQueryRunner();
      try {
        await loadRegionEdition(q, readRegionEdition(), t.clock.now());
      } finally {
        await q.release();
      }
      await expect(count('villages', 'retired_at IS NOT NULL')).resolves.toBe(0);
      await expect(t.send(POPULATION_REGIONS_GET, { actor, code: '3174091005' })).resolves.toMatchObject({
        name: 'Tanjung Barat',
      });
    });
  });
});
