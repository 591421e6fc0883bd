import { ErrorCode, Role } from '@terpadu/contracts';
import { registration } from './fixtures';
import { type ApiResponse, type Platform, startPlatform } from './platform';

/**
 * A birth registered through the gateway reaches the health service as an event and becomes the
 * child's immunization schedule; a health worker records doses against it. End to end against
 * the built gateway, population and health services on real PostgreSQL and NATS.
 */
const REGISTRAR = { roles: [Role.Registrar], jurisdiction: ['3171'], sub: 'registrar-siti' };
const BIDAN = { roles: [Role.HealthWorker], jurisdiction: ['3171'], sub: 'bidan-ani' };
const MOTHER = registration({
  nik: '3171014406900002',
  fullName: 'Ani Lestari',
  birthDate: '1990-06-04',
  sex: 'PEREMPUAN',
});
/** Adds `days` to a calendar date `YYYY-MM-DD`. */
const plus = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A birth four weeks ago: the built apps run on the wall clock, so the spec's dates follow it. */
const BIRTH_DATE = plus(new Date().toISOString().slice(0, 10), -28);

async function eventually<T>(probe: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('health flow through the gateway', () => {
  let platform: Platform;
  let childNik: string;

  beforeAll(async () => {
    platform = await startPlatform({}, { services: ['population', 'health'] });
  });
  afterAll(() => platform?.stop());

  it('gives a child whose birth is registered a schedule whose dates follow the schedule data', async () => {
    expect((await platform.call('POST', '/v1/residents', REGISTRAR, MOTHER)).status).toBe(201);
    const card = await platform.call('POST', '/v1/family-cards', REGISTRAR, { headNik: MOTHER.nik });
    expect(card.status).toBe(201);
    const birth = await platform.call('POST', '/v1/births', REGISTRAR, {
      motherNik: MOTHER.nik,
      fullName: 'Putri Lestari',
      sex: 'PEREMPUAN',
      birthDate: BIRTH_DATE,
      birthTime: '06:45',
      birthPlace: 'RSUD Tanah Abang',
      weightGrams: 3200,
      lengthCm: 49.5,
      familyCardNumber: card.body.number,
      districtCode: '317101',
    });
    expect(birth.status).toBe(201);
    childNik = (birth.body.child as { nik: string }).nik;

    const view = await eventually(async () => {
      const res = await platform.call('GET', `/v1/residents/${childNik}/immunizations`, BIDAN);
      expect(res.status).toBe(200);
      return res;
    });
    const schedule = view.body.schedule as {
      origin: string;
      doses: Array<{ label: string; dueOn: string; overdueFrom: string; latestOn: string | null }>;
    };
    expect(schedule.origin).toBe('BIRTH');
    const dueOn = Object.fromEntries(schedule.doses.map((d) => [d.label, d.dueOn]));
    expect(dueOn).toMatchObject({
      'HB-0': BIRTH_DATE, // within 24 hours
      BCG: plus(BIRTH_DATE, 30), // 1 month
      'OPV-1': plus(BIRTH_DATE, 30),
      'DPT-HB-Hib 1': plus(BIRTH_DATE, 61), // 2 months
      'PCV-1': plus(BIRTH_DATE, 61),
      'RV-1': plus(BIRTH_DATE, 61),
      'DPT-HB-Hib 3': plus(BIRTH_DATE, 122), // 4 months
      'MR-1': plus(BIRTH_DATE, 274), // 9 months
      'PCV-3': plus(BIRTH_DATE, 365), // 12 months
      'MR-2': plus(BIRTH_DATE, 548), // 18 months
    });
    expect(schedule.doses.find((d) => d.label === 'HB-0')?.overdueFrom).toBe(plus(BIRTH_DATE, 1));
    expect(schedule.doses.find((d) => d.label === 'RV-3')?.latestOn).toBe(plus(BIRTH_DATE, 212));
  });

  it('records a dose and answers every refusal as problem+json', async () => {
    const dose = (o: Record<string, unknown>) =>
      platform.call('POST', '/v1/immunizations', BIDAN, {
        nik: childNik,
        vaccine: 'HB0',
        dose: 1,
        givenOn: BIRTH_DATE,
        facility: 'RSUD Tanah Abang',
        batch: 'HB-2611-01',
        ...o,
      });
    const expectProblem = (res: ApiResponse, status: number, code: ErrorCode) => {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe(code);
    };
    const given = await dose({});
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({
      nik: childNik,
      vaccine: 'HB0',
      dose: 1,
      label: 'HB-0',
      givenOn: BIRTH_DATE,
    });
    expectProblem(await dose({}), 409, ErrorCode.IMMUNIZATION_ALREADY_GIVEN);
    expectProblem(
      await dose({ vaccine: 'DPT_HB_HIB', givenOn: plus(BIRTH_DATE, 20) }),
      422,
      ErrorCode.IMMUNIZATION_TOO_EARLY,
    );
    expectProblem(await dose({ vaccine: 'BCG', givenOn: '2099-01-01' }), 400, ErrorCode.VALIDATION_FAILED);
    expectProblem(await dose({ vaccine: 'JE' }), 422, ErrorCode.IMMUNIZATION_NOT_IN_SCHEDULE);
    // Only health workers record; a registrar is refused before health is asked.
    const registrar = await platform.call('POST', '/v1/immunizations', REGISTRAR, { nik: childNik });
    expect(registrar.status).toBe(403);

    const view = await platform.call('GET', `/v1/residents/${childNik}/immunizations`, BIDAN);
    const hb0 = (view.body.schedule as { doses: Array<{ label: string; status: string }> }).doses.find(
      (d) => d.label === 'HB-0',
    );
    expect(hb0?.status).toBe('GIVEN');
  });

  it('shows the child in the overview: health details for the health worker, none for the registrar', async () => {
    const forBidan = await platform.call('GET', `/v1/residents/${childNik}/overview`, BIDAN);
    expect(forBidan.status).toBe(200);
    const sections = forBidan.body.sections as Record<
      string,
      { status: string; data: Record<string, unknown> }
    >;
    expect(Object.keys(sections).sort()).toEqual(['family', 'health', 'person']);
    expect(sections.person.data.nik).toBe(childNik);
    expect((sections.family.data.members as unknown[]).length).toBe(2);
    expect(sections.health).toMatchObject({
      status: 'available',
      data: {
        level: 'DETAIL',
        immunization: { nextDose: expect.objectContaining({ vaccine: expect.any(String) }) },
      },
    });
    const forRegistrar = await platform.call('GET', `/v1/residents/${childNik}/overview`, REGISTRAR);
    expect(Object.keys(forRegistrar.body.sections as object).sort()).toEqual(['family', 'person']);
  });
});
