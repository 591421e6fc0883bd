import {
  ErrorCode,
  HEALTH_SUMMARY_GET,
  HealthSummaryLevel,
  POPULATION_FAMILY_CARDS_GET,
  POPULATION_RESIDENTS_GET,
  Role,
} from '@terpadu/contracts';
import { ServiceCallError } from '@terpadu/messaging';
import { TimeoutError } from 'rxjs';
import { EXPECTED_ACCESS } from '../../test/access-matrix';
import { rolesExcept } from '../../test/fixtures';
import { createSpecApp, NOW, problemOf, SpecClock, type SpecApp } from '../../test/spec-app';
import { levelFor, OVERVIEW_SECTIONS } from './overview-sections';
import { OverviewController } from './overview.controller';

const NIK = '3174041708850001';
const URL = `/v1/residents/${NIK}/overview`;
const DEADLINE_MS = 400;
const PERSON = {
  nik: NIK,
  fullName: 'Budi Santoso',
  familyCard: { number: '3174040101200001', relationship: 'KEPALA_KELUARGA' },
};
const CARD = { number: '3174040101200001', headNik: NIK, members: [] };
const HEALTH = { level: 'SUMMARY', asOf: '2026-03-02' };

/** Resolves after `ms` without keeping jest alive (the overview stops waiting long before). */
const later = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms).unref());

describe(OverviewController.name, () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp({ OVERVIEW_SECTION_TIMEOUT_MS: String(DEADLINE_MS) });
  });
  afterAll(() => spec.close());
  beforeEach(() => {
    spec.rpc.reset();
    spec.rpc.answer(POPULATION_RESIDENTS_GET, () => PERSON);
    spec.rpc.answer(POPULATION_FAMILY_CARDS_GET, () => CARD);
    spec.rpc.answer(HEALTH_SUMMARY_GET, (request) => ({ ...HEALTH, level: request.level }));
  });

  const get = (roles: string[]) =>
    spec.request({ method: 'GET', url: URL, as: { roles, jurisdiction: ['3174'] } });

  describe('sections by role (OVERVIEW_SECTIONS)', () => {
    it.each([
      [[Role.HealthWorker], ['person', 'family', 'health'], HealthSummaryLevel.Detail],
      [[Role.FrontDesk], ['person', 'family', 'health'], HealthSummaryLevel.Summary],
      [[Role.VillageHead], ['person', 'family', 'health'], HealthSummaryLevel.Summary],
      [[Role.SocialWorker], ['person', 'family', 'health'], HealthSummaryLevel.Summary],
      [[Role.Registrar], ['person', 'family'], undefined],
      [[Role.SchoolOperator], ['person', 'family'], undefined],
      [[Role.EconomyOfficer], ['person', 'family'], undefined],
      [[Role.Auditor], ['person', 'family'], undefined],
      [[Role.AgencySystem], ['person', 'family'], undefined],
      [[Role.Registrar, Role.SocialWorker], ['person', 'family', 'health'], HealthSummaryLevel.Summary],
      [[Role.FrontDesk, Role.HealthWorker], ['person', 'family', 'health'], HealthSummaryLevel.Detail],
    ])('%j sees %j (health at %s)', async (roles, sections, healthLevel) => {
      const res = await get(roles);
      expect(res.statusCode).toBe(200);
      const body = res.json<{ nik: string; sections: Record<string, unknown> }>();
      expect(body.nik).toBe(NIK);
      expect(Object.keys(body.sections).sort()).toEqual([...sections].sort());
      expect(body.sections.person).toEqual({ status: 'available', data: PERSON });
      expect(body.sections.family).toEqual({ status: 'available', data: CARD });
      const health = spec.rpc.calls.filter((c) => c.subject === HEALTH_SUMMARY_GET);
      // A role without the health section causes no call to health at all.
      expect(health.map((c) => c.request.level)).toEqual(healthLevel ? [healthLevel] : []);
      if (healthLevel)
        expect(body.sections.health).toEqual({
          status: 'available',
          data: { ...HEALTH, level: healthLevel },
        });
    });

    it.each(rolesExcept(EXPECTED_ACCESS.readOverview))(
      'refuses %s with 403 and asks no service',
      async (role) => {
        const res = await get([role]);
        expect(res.statusCode).toBe(403);
        expect(spec.rpc.calls).toHaveLength(0);
      },
    );

    it('lets every overview reader see the person, and names only overview readers in any section', () => {
      const person = OVERVIEW_SECTIONS.find((s) => s.name === 'person')!;
      for (const role of EXPECTED_ACCESS.readOverview) expect(levelFor(person, [role])).toBe('FULL');
      for (const section of OVERVIEW_SECTIONS)
        for (const role of Object.keys(section.visibleTo))
          expect(EXPECTED_ACCESS.readOverview).toContain(role);
      // Health details stay with health workers.
      const health = OVERVIEW_SECTIONS.find((s) => s.name === 'health')!;
      const detail = EXPECTED_ACCESS.readOverview.filter(
        (role) => levelFor(health, [role]) === HealthSummaryLevel.Detail,
      );
      expect(detail).toEqual([Role.HealthWorker]);
    });
  });

  describe('fetching', () => {
    it('asks health at the same time as population, not after it', async () => {
      let releasePerson: () => void = () => undefined;
      spec.rpc.answer(
        POPULATION_RESIDENTS_GET,
        () => new Promise((resolve) => (releasePerson = () => resolve(PERSON))),
      );
      const pending = get([Role.HealthWorker]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The person has not arrived, yet health has been asked.
      expect(spec.rpc.calls.map((c) => c.subject).sort()).toEqual([
        HEALTH_SUMMARY_GET,
        POPULATION_RESIDENTS_GET,
      ]);
      releasePerson();
      const res = await pending;
      expect(res.statusCode).toBe(200);
      // The family card number comes from the person record.
      expect(spec.rpc.calls.find((c) => c.subject === POPULATION_FAMILY_CARDS_GET)?.request.number).toBe(
        '3174040101200001',
      );
    });

    it('answers a person without a family card with family data null, without asking for a card', async () => {
      spec.rpc.answer(POPULATION_RESIDENTS_GET, () => ({ ...PERSON, familyCard: null }));
      const res = await get([Role.Registrar]);
      expect(res.json<{ sections: unknown }>().sections).toEqual({
        person: { status: 'available', data: { ...PERSON, familyCard: null } },
        family: { status: 'available', data: null },
      });
      expect(spec.rpc.calls.map((c) => c.subject)).toEqual([POPULATION_RESIDENTS_GET]);
    });

    it('marks a slow section unavailable (timeout) and still answers 200 within the deadline', async () => {
      spec.rpc.answer(HEALTH_SUMMARY_GET, () => later(5000, HEALTH));
      const started = Date.now();
      const res = await get([Role.HealthWorker]);
      const elapsed = Date.now() - started;
      expect(res.statusCode).toBe(200);
      expect(res.json<{ sections: Record<string, unknown> }>().sections.health).toEqual({
        status: 'unavailable',
        reason: 'timeout',
      });
      expect(elapsed).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
      expect(elapsed).toBeLessThan(DEADLINE_MS + 300);
    });

    it.each([
      [
        'the service does not answer (UPSTREAM_TIMEOUT)',
        () => ServiceCallError.from(new TimeoutError(), HEALTH_SUMMARY_GET, 400),
        'timeout',
      ],
      [
        'no service instance is there',
        () => ServiceCallError.from(new Error('503'), HEALTH_SUMMARY_GET, 400),
        'error',
      ],
      [
        'the service refuses',
        () =>
          new ServiceCallError(
            { code: ErrorCode.RESIDENT_NOT_FOUND, status: 404, detail: 'x' },
            HEALTH_SUMMARY_GET,
          ),
        'error',
      ],
    ])('marks a section unavailable when %s', async (_case, failure, reason) => {
      spec.rpc.answer(HEALTH_SUMMARY_GET, () => {
        throw failure();
      });
      spec.rpc.answer(POPULATION_FAMILY_CARDS_GET, () => {
        throw failure();
      });
      const res = await get([Role.HealthWorker]);
      expect(res.statusCode).toBe(200);
      expect(res.json<{ sections: unknown }>().sections).toEqual({
        person: { status: 'available', data: PERSON },
        family: { status: 'unavailable', reason },
        health: { status: 'unavailable', reason },
      });
    });

    it('fails the request when the person section fails, with the registry answer', async () => {
      spec.rpc.answer(POPULATION_RESIDENTS_GET, () => {
        throw new ServiceCallError(
          {
            code: ErrorCode.RESIDENT_NOT_FOUND,
            status: 404,
            detail: 'No resident with this NIK in your jurisdiction',
          },
          POPULATION_RESIDENTS_GET,
        );
      });
      const notFound = await get([Role.HealthWorker]);
      expect(notFound.statusCode).toBe(404);
      expect(problemOf(notFound).code).toBe(ErrorCode.RESIDENT_NOT_FOUND);

      spec.rpc.answer(POPULATION_RESIDENTS_GET, () => {
        throw ServiceCallError.from(new Error('503'), POPULATION_RESIDENTS_GET, 400);
      });
      const unavailable = await get([Role.HealthWorker]);
      expect(unavailable.statusCode).toBe(503);
      expect(problemOf(unavailable).code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    });

    it('answers 504 within the deadline when the person section does not arrive in time', async () => {
      spec.rpc.answer(POPULATION_RESIDENTS_GET, () => later(5000, PERSON));
      const started = Date.now();
      const res = await get([Role.Registrar]);
      expect(res.statusCode).toBe(504);
      expect(problemOf(res).code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
      expect(Date.now() - started).toBeLessThan(DEADLINE_MS + 300);
    });

    it('checks the NIK before asking anyone', async () => {
      const res = await spec.request({
        method: 'GET',
        url: '/v1/residents/123/overview',
        as: { roles: [Role.HealthWorker] },
      });
      expect(res.statusCode).toBe(400);
      expect(spec.rpc.calls).toHaveLength(0);
    });
  });

  describe('time left, on the Clock', () => {
    let timed: SpecApp;
    let now = NOW.getTime();
    beforeAll(async () => {
      timed = await createSpecApp(
        { OVERVIEW_SECTION_TIMEOUT_MS: String(DEADLINE_MS) },
        { clock: new SpecClock(() => new Date(now)) },
      );
    });
    afterAll(() => timed.close());
    beforeEach(() => {
      now = NOW.getTime();
      timed.rpc.reset();
      timed.rpc.answer(POPULATION_FAMILY_CARDS_GET, () => CARD);
    });

    const timeoutOf = (subject: string) => timed.rpc.timeouts.find((t) => t.subject === subject)?.timeoutMs;
    const overview = () =>
      timed.request({ method: 'GET', url: URL, as: { roles: [Role.Registrar], jurisdiction: ['3174'] } });

    it('gives a later call the deadline minus the time the Clock says has passed', async () => {
      timed.rpc.answer(POPULATION_RESIDENTS_GET, () => {
        now += 300;
        return PERSON;
      });
      const res = await overview();
      expect(res.statusCode).toBe(200);
      expect(timeoutOf(POPULATION_RESIDENTS_GET)).toBe(DEADLINE_MS);
      expect(timeoutOf(POPULATION_FAMILY_CARDS_GET)).toBe(DEADLINE_MS - 300);
    });

    it('counts no time while the Clock stands still, whatever the wall clock does', async () => {
      timed.rpc.answer(POPULATION_RESIDENTS_GET, () => later(150, PERSON));
      const res = await overview();
      expect(res.statusCode).toBe(200);
      expect(timeoutOf(POPULATION_FAMILY_CARDS_GET)).toBe(DEADLINE_MS);
    });
  });
});
