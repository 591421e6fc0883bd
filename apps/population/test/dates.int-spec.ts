import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EducationLevel, MaritalStatus, Religion, ResidentStatus, Sex } from '@terpadu/contracts';
import { nodeBinary, startPostgres, type TestPostgres, workspaceRoot } from '@terpadu/testing';
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions, migrateService } from '@terpadu/service-kit';
import { POPULATION_SERVICE } from '../src/database/data-source';
import { Resident } from '../src/registry/resident.entity';

/**
 * The trap of public validators: a SQL date read into a JS Date at local midnight, then formatted in
 * UTC, lands on the previous day east of Greenwich. Specs pin TZ=UTC, where the trap is invisible, so
 * the reading happens in a process running in Jakarta's time zone.
 */
describe('birth dates in a process east of Greenwich', () => {
  let postgres: TestPostgres;
  let url: string;

  beforeAll(async () => {
    postgres = await startPostgres();
    url = await postgres.createDatabase('population_dates');
    await migrateService(POPULATION_SERVICE, url);
  });

  afterAll(async () => {
    await postgres?.stop();
  });

  it('reads the stored calendar day back, raw and as an entity, where a plain pg client is a day off', async () => {
    const dataSource = new DataSource(serviceDataSourceOptions(POPULATION_SERVICE, url));
    await dataSource.initialize();
    const id = randomUUID();
    try {
      await dataSource.getRepository(Resident).insert({
        id,
        nik: '3174041708450001',
        fullName: 'Tanggal Lahir',
        fullNameNormalized: 'tanggallahir',
        birthPlace: 'Jakarta',
        birthDate: '1945-08-17',
        sex: Sex.Male,
        religion: Religion.Islam,
        maritalStatus: MaritalStatus.Kawin,
        occupation: 'Petani',
        educationLevel: EducationLevel.Sd,
        villageCode: '3174041003',
        rt: '001',
        rw: '001',
        hamlet: null,
        street: 'Jl. Proklamasi',
        status: ResidentStatus.Hidup,
        reviewFlags: [],
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    } finally {
      await dataSource.destroy();
    }

    const root = workspaceRoot();
    const { stdout } = await promisify(execFile)(
      nodeBinary(),
      ['-r', join(root, 'tools/ts-register.cjs'), join(__dirname, 'fixtures/read-dates.ts'), url, id],
      { cwd: root, env: { ...process.env, TZ: 'Asia/Jakarta' } },
    );
    expect(JSON.parse(stdout)).toEqual({
      timeZone: 'Asia/Jakarta',
      // Without the DATE parser of data-source.ts this is what every read would give.
      plainPgAsUtcDay: '1945-08-16',
      raw: '1945-08-17',
      entity: '1945-08-17',
    });
  });
});
