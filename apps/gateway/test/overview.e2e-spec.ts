import { ErrorCode, Role } from '@terpadu/contracts';
import { registration } from './fixtures';
import { type Platform, startPlatform } from './platform';

/**
 * The one-stop overview against the built gateway, population and health services: sections per
 * role, and with a service stopped the rest still arrives within the section deadline.
 */
const DEADLINE_MS = 1000;
const REGISTRAR = { roles: [Role.Registrar], jurisdiction: ['3171'] };
const BIDAN = { roles: [Role.HealthWorker], jurisdiction: ['3171'] };
const FRONT_DESK = { roles: [Role.FrontDesk], jurisdiction: ['3171'] };
const CHILD = registration({
  nik: '3171014505250003',
  fullName: 'Sari Wijaya',
  birthDate: '2025-05-05',
  sex: 'PEREMPUAN',
  maritalStatus: 'BELUM_KAWIN',
  occupation: 'Belum bekerja',
  educationLevel: 'TIDAK_SEKOLAH',
});
const URL = `/v1/residents/${String(CHILD.nik)}/overview`;

type Sections = Record<string, { status: string; reason?: string; data?: Record<string, unknown> }>;

describe('resident overview end to end', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform(
      { OVERVIEW_SECTION_TIMEOUT_MS: String(DEADLINE_MS) },
      { services: ['population', 'health'] },
    );
    expect((await platform.call('POST', '/v1/residents', REGISTRAR, CHILD)).status).toBe(201);
  });
  afterAll(() => platform?.stop());

  it('gives each role its sections: health details to the health worker, a summary to the front desk, none to the registrar', async () => {
    // The child registered under 5 gets a schedule in health from the registration event.
    const deadline = Date.now() + 20_000;
    let forBidan: Sections;
    for (;;) {
      const res = await platform.call('GET', URL, BIDAN);
      expect(res.status).toBe(200);
      forBidan = res.body.sections as Sections;
      if (forBidan.health.status === 'available' || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(forBidan.person).toMatchObject({ status: 'available', data: { nik: CHILD.nik } });
    expect(forBidan.family).toEqual({ status: 'available', data: null });
    expect(forBidan.health).toMatchObject({
      status: 'available',
      data: {
        level: 'DETAIL',
        immunization: { completeBasicImmunization: false, upToDate: false, overdueDoses: expect.any(Number) },
        pregnancy: { active: false, ancVisits: 0 },
        insurance: { status: 'NONE', pbi: false },
      },
    });

    const forFrontDesk = (await platform.call('GET', URL, FRONT_DESK)).body.sections as Sections;
    expect(forFrontDesk.health.data).toEqual({
      level: 'SUMMARY',
      asOf: expect.any(String),
      immunization: { completeBasicImmunization: false, upToDate: false },
      pregnancy: { active: false, ancVisits: 0 },
      insurance: { status: 'NONE', pbi: false },
    });

    const forRegistrar = (await platform.call('GET', URL, REGISTRAR)).body.sections as Sections;
    expect(Object.keys(forRegistrar).sort()).toEqual(['family', 'person']);
    const admin = await platform.call('GET', URL, { roles: [Role.Admin], jurisdiction: ['3171'] });
    expect(admin.status).toBe(403);
  });

  it('answers 200 within the deadline with health unavailable while the health service is stopped', async () => {
    await platform.services.get('health').stop();
    const started = Date.now();
    const res = await platform.call('GET', URL, BIDAN);
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    const sections = res.body.sections as Sections;
    expect(sections.person.status).toBe('available');
    expect(sections.family.status).toBe('available');
    expect(sections.health).toEqual({
      status: 'unavailable',
      reason: expect.stringMatching(/^(timeout|error)$/),
    });
    expect(elapsed).toBeLessThan(DEADLINE_MS + 750);

    // Back again, the section is too.
    await platform.services.start('health');
    const again = await platform.call('GET', URL, BIDAN);
    expect((again.body.sections as Sections).health.status).toBe('available');
  });

  it('fails with problem+json when the person section (population) is not there', async () => {
    await platform.services.get('population').stop();
    const started = Date.now();
    const res = await platform.call('GET', URL, BIDAN);
    expect([503, 504]).toContain(res.status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect([ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.UPSTREAM_TIMEOUT]).toContain(res.body.code);
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS + 750);
  });
});
