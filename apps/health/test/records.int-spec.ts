import {
  ANC_VISIT_RECORDED_V1,
  BIRTH_REGISTERED_V1,
  CheckupKind,
  DeliveryOutcome,
  DoseStatus,
  ErrorCode,
  HEALTH_CHECKUPS_LIST,
  HEALTH_CHECKUPS_RECORD,
  HEALTH_IMMUNIZATIONS_RECORD,
  HEALTH_INSURANCE_GET,
  HEALTH_INSURANCE_SET,
  HEALTH_PREGNANCIES_LIST,
  HEALTH_PREGNANCIES_RECORD_DELIVERY,
  HEALTH_PREGNANCIES_RECORD_VISIT,
  HEALTH_PREGNANCIES_REGISTER,
  HEALTH_SUMMARY_GET,
  HealthSummaryLevel,
  INSURANCE_CHANGED_V1,
  type InsuranceClass,
  InsuranceStatus,
  PregnancyStatus,
  type RecordCheckupDto,
  RESIDENT_REGISTERED_V1,
  Role,
  Sex,
  STREAMS,
} from '@terpadu/contracts';
import { birth, healthWorker, registered } from './builders';
import { type HealthInfra, type HealthTestApp, startHealthApp, startInfra } from './health-app';
import { eventually, nikFor, StreamReader } from '@terpadu/testing';

describe('pregnancies, checkups, insurance and the health summary', () => {
  let infra: HealthInfra;
  let t: HealthTestApp;
  let stream: StreamReader;
  const actor = healthWorker();

  beforeAll(async () => {
    infra = await startInfra();
    t = await startHealthApp(infra);
    stream = await StreamReader.connect(infra.nats.url, STREAMS.health);
  });
  afterAll(async () => {
    await stream?.close();
    await t?.close();
    await infra?.stop();
  });
  afterEach(() => t.clock.setDay('2026-11-30'));

  /** A person registered through population's events, once health knows them. */
  async function person(birthDate: string, sex: Sex): Promise<{ nik: string; residentId: string }> {
    const r = registered(birthDate, {
      sex,
      nik: nikFor(birthDate, sex),
      familyCardNumber: '3174040202200005',
    });
    await infra.population.publish(RESIDENT_REGISTERED_V1, r, r.residentId);
    await eventually(async () => {
      const rows = await t.dataSource.query<unknown[]>(`SELECT 1 FROM persons WHERE resident_id = $1`, [
        r.residentId,
      ]);
      expect(rows).toHaveLength(1);
    });
    return { nik: r.nik, residentId: r.residentId };
  }

  describe('pregnancies and antenatal care', () => {
    it('registers a pregnancy, records ANC visits (each announced with its number) and the delivery', async () => {
      const mother = await person('1995-04-12', Sex.Female);
      const pregnancy = await t.send(HEALTH_PREGNANCIES_REGISTER, {
        actor,
        pregnancy: { motherNik: mother.nik, expectedDeliveryDate: '2027-04-20' },
      });
      expect(pregnancy).toMatchObject({
        motherNik: mother.nik,
        status: PregnancyStatus.Active,
        visits: [],
        delivery: null,
      });

      for (const visitedOn of ['2026-09-01', '2026-10-15', '2026-11-30'])
        await t.send(HEALTH_PREGNANCIES_RECORD_VISIT, {
          actor,
          pregnancyId: pregnancy.id,
          visit: { visitedOn, facility: 'Puskesmas Duren Sawit', gestationalWeeks: 20 },
        });
      const events = await eventually(async () => {
        const found = (await stream.events(ANC_VISIT_RECORDED_V1)).filter(
          (e) => e.event.data.pregnancyId === pregnancy.id,
        );
        expect(found).toHaveLength(3);
        return found;
      });
      expect(events.map((e) => [e.event.data.visitedOn, e.event.data.visitCount])).toEqual([
        ['2026-09-01', 1],
        ['2026-10-15', 2],
        ['2026-11-30', 3],
      ]);
      expect(events[0].event.data).toEqual({
        visitId: expect.any(String),
        pregnancyId: pregnancy.id,
        residentId: mother.residentId,
        nik: mother.nik,
        visitedOn: '2026-09-01',
        visitCount: 1,
        villageCode: '3174041003',
        familyCardNumber: '3174040202200005',
        recordedAt: expect.any(String),
      });

      t.clock.setDay('2027-04-18');
      const delivered = await t.send(HEALTH_PREGNANCIES_RECORD_DELIVERY, {
        actor,
        pregnancyId: pregnancy.id,
        delivery: {
          deliveredOn: '2027-04-17',
          facility: 'RSUD Duren Sawit',
          outcome: DeliveryOutcome.LiveBirth,
        },
      });
      expect(delivered).toMatchObject({
        status: PregnancyStatus.Delivered,
        delivery: { deliveredOn: '2027-04-17', outcome: DeliveryOutcome.LiveBirth },
      });
      expect(delivered.visits.map((v) => v.number)).toEqual([1, 2, 3]);
      await expect(
        t.rpcError(HEALTH_PREGNANCIES_RECORD_VISIT, {
          actor,
          pregnancyId: pregnancy.id,
          visit: { visitedOn: '2027-04-18', facility: 'Puskesmas' },
        }),
      ).resolves.toMatchObject({ code: ErrorCode.PREGNANCY_NOT_ACTIVE, status: 409 });
      // A new pregnancy after the delivery is fine.
      await expect(
        t.send(HEALTH_PREGNANCIES_REGISTER, {
          actor,
          pregnancy: { motherNik: mother.nik, expectedDeliveryDate: '2028-01-10' },
        }),
      ).resolves.toMatchObject({ status: PregnancyStatus.Active });
      const { items } = await t.send(HEALTH_PREGNANCIES_LIST, { actor, nik: mother.nik });
      expect(items.map((p) => p.status)).toEqual([PregnancyStatus.Active, PregnancyStatus.Delivered]);
    });

    it('refuses a second active pregnancy, a man, impossible dates and unknown pregnancies', async () => {
      const mother = await person('1990-01-20', Sex.Female);
      const man = await person('1988-03-03', Sex.Male);
      const register = (motherNik: string, expectedDeliveryDate: string) =>
        t.rpcError(HEALTH_PREGNANCIES_REGISTER, { actor, pregnancy: { motherNik, expectedDeliveryDate } });
      const pregnancy = await t.send(HEALTH_PREGNANCIES_REGISTER, {
        actor,
        pregnancy: { motherNik: mother.nik, expectedDeliveryDate: '2027-05-01' },
      });
      await expect(register(mother.nik, '2027-05-03')).resolves.toMatchObject({
        code: ErrorCode.PREGNANCY_ALREADY_ACTIVE,
        status: 409,
      });
      await expect(register(man.nik, '2027-05-03')).resolves.toMatchObject({
        code: ErrorCode.PREGNANCY_NOT_ELIGIBLE,
        status: 422,
        errors: [expect.objectContaining({ field: 'motherNik' })],
      });
      const other = await person('1999-09-09', Sex.Female);
      await expect(register(other.nik, '2026-11-29')).resolves.toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ field: 'expectedDeliveryDate', code: 'notInPast' })],
      });
      await expect(register(other.nik, '2027-10-06')).resolves.toMatchObject({
        errors: [expect.objectContaining({ field: 'expectedDeliveryDate', code: 'withinTerm' })],
      });
      const visit = (visitedOn: string, pregnancyId = pregnancy.id) =>
        t.rpcError(HEALTH_PREGNANCIES_RECORD_VISIT, {
          actor,
          pregnancyId,
          visit: { visitedOn, facility: 'Posyandu' },
        });
      await expect(visit('2026-12-01')).resolves.toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ field: 'visitedOn', code: 'notInFuture' })],
      });
      await expect(visit('2026-06-01')).resolves.toMatchObject({
        errors: [expect.objectContaining({ field: 'visitedOn', code: 'duringPregnancy' })],
      });
      await expect(visit('2026-11-01', '6f1c1f5e-4a8a-4c4b-9b55-1d2f1c0a9e01')).resolves.toMatchObject({
        code: ErrorCode.PREGNANCY_NOT_FOUND,
        status: 404,
      });
      await expect(visit('2026-11-01', 'not-a-uuid')).resolves.toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ field: 'pregnancyId' })],
      });
      // Outside the health worker's jurisdiction, the pregnancy is not found either.
      await expect(
        t.rpcError(HEALTH_PREGNANCIES_RECORD_VISIT, {
          actor: healthWorker({ jurisdiction: ['3273'] }),
          pregnancyId: pregnancy.id,
          visit: { visitedOn: '2026-11-01', facility: 'Posyandu' },
        }),
      ).resolves.toMatchObject({ code: ErrorCode.PREGNANCY_NOT_FOUND });
    });
  });

  describe('checkups', () => {
    it('records checkups with an optional ICD-10 code checked by format', async () => {
      const p = await person('1960-02-02', Sex.Male);
      const checkup = (o: Record<string, unknown>): RecordCheckupDto => ({
        nik: p.nik,
        checkedOn: '2026-11-20',
        facility: 'Posyandu Lansia Melati',
        kind: CheckupKind.Elderly,
        ...o,
      });
      await t.send(HEALTH_CHECKUPS_RECORD, { actor, checkup: checkup({ icd10Code: 'I10' }) });
      await t.send(HEALTH_CHECKUPS_RECORD, {
        actor,
        checkup: checkup({ checkedOn: '2026-11-27', icd10Code: 'J06.9' }),
      });
      await t.send(HEALTH_CHECKUPS_RECORD, { actor, checkup: checkup({ checkedOn: '2026-11-28' }) });
      const { items } = await t.send(HEALTH_CHECKUPS_LIST, { actor, nik: p.nik });
      expect(items.map((c) => [c.checkedOn, c.icd10Code])).toEqual([
        ['2026-11-28', null],
        ['2026-11-27', 'J06.9'],
        ['2026-11-20', 'I10'],
      ]);
      for (const icd10Code of ['j06.9', 'J6', 'J06-9', 'J06.999', '106.9'])
        await expect(
          t.rpcError(HEALTH_CHECKUPS_RECORD, { actor, checkup: checkup({ icd10Code }) }),
        ).resolves.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'icd10Code' })] });
      await expect(
        t.rpcError(HEALTH_CHECKUPS_RECORD, { actor, checkup: checkup({ checkedOn: '2026-12-01' }) }),
      ).resolves.toMatchObject({
        errors: [expect.objectContaining({ field: 'checkedOn', code: 'notInFuture' })],
      });
      await expect(
        t.rpcError(HEALTH_CHECKUPS_RECORD, { actor, checkup: checkup({ checkedOn: '1959-01-01' }) }),
      ).resolves.toMatchObject({
        errors: [expect.objectContaining({ field: 'checkedOn', code: 'notBeforeBirth' })],
      });
      await expect(
        t.rpcError(HEALTH_CHECKUPS_RECORD, { actor, checkup: checkup({ kind: 'SURGERY' }) }),
      ).resolves.toMatchObject({ errors: [expect.objectContaining({ field: 'kind' })] });
    });
  });

  describe('JKN insurance', () => {
    it('keeps one membership per person, announces each change without the card number', async () => {
      const p = await person('1970-07-07', Sex.Female);
      const none = await t.send(HEALTH_INSURANCE_GET, { actor, nik: p.nik });
      expect(none).toEqual({ nik: p.nik, status: InsuranceStatus.None, membership: null });
      const set = await t.send(HEALTH_INSURANCE_SET, {
        actor,
        nik: p.nik,
        membership: { number: '0001234567890', class: 3, pbi: true, activeFrom: '2026-01-01' },
      });
      expect(set).toMatchObject({
        status: InsuranceStatus.Active,
        membership: { number: '0001234567890', class: 3, pbi: true, activeUntil: null },
      });
      const ended = await t.send(HEALTH_INSURANCE_SET, {
        actor,
        nik: p.nik,
        membership: {
          number: '0001234567890',
          class: 2,
          pbi: false,
          activeFrom: '2026-01-01',
          activeUntil: '2026-10-31',
        },
      });
      expect(ended.status).toBe(InsuranceStatus.Inactive);
      const events = await eventually(async () => {
        const found = (await stream.events(INSURANCE_CHANGED_V1)).filter(
          (e) => e.event.data.residentId === p.residentId,
        );
        expect(found).toHaveLength(2);
        return found;
      });
      expect(events[1].event.data).toEqual({
        residentId: p.residentId,
        nik: p.nik,
        class: 2,
        pbi: false,
        activeFrom: '2026-01-01',
        activeUntil: '2026-10-31',
        villageCode: '3174041003',
        familyCardNumber: '3174040202200005',
        changedAt: expect.any(String),
      });
      expect(JSON.stringify(events)).not.toContain('0001234567890');
    });

    it('refuses a number of another person, a malformed number or class, and an end before the start', async () => {
      const [a, b] = [await person('1971-01-01', Sex.Male), await person('1972-02-02', Sex.Female)];
      const membership = { number: '0009876543210', class: 1, pbi: false, activeFrom: '2026-01-01' };
      await t.send(HEALTH_INSURANCE_SET, { actor, nik: a.nik, membership });
      await expect(
        t.rpcError(HEALTH_INSURANCE_SET, { actor, nik: b.nik, membership }),
      ).resolves.toMatchObject({
        code: ErrorCode.INSURANCE_NUMBER_TAKEN,
        status: 409,
        errors: [expect.objectContaining({ field: 'number' })],
      });
      await expect(
        t.rpcError(HEALTH_INSURANCE_SET, {
          actor,
          nik: b.nik,
          membership: { ...membership, number: '123', class: 4 as InsuranceClass },
        }),
      ).resolves.toMatchObject({
        status: 400,
        errors: expect.arrayContaining([
          expect.objectContaining({ field: 'number' }),
          expect.objectContaining({ field: 'class' }),
        ]),
      });
      await expect(
        t.rpcError(HEALTH_INSURANCE_SET, {
          actor,
          nik: b.nik,
          membership: { ...membership, number: '0001111111111', activeUntil: '2025-12-31' },
        }),
      ).resolves.toMatchObject({ errors: [expect.objectContaining({ field: 'activeUntil' })] });
    });
  });

  describe('health summary', () => {
    it('gives the DETAIL level to health workers only, not to admins, and only flags and counts at the SUMMARY level', async () => {
      const event = birth('2026-01-05', { sex: Sex.Female });
      await infra.population.publish(BIRTH_REGISTERED_V1, event, event.birthId);
      const child = event.child;
      await eventually(async () => {
        const rows = await t.dataSource.query<unknown[]>(
          `SELECT 1 FROM child_schedules WHERE resident_id = $1`,
          [child.residentId],
        );
        expect(rows).toHaveLength(1);
      });
      await t.send(HEALTH_IMMUNIZATIONS_RECORD, {
        actor,
        immunization: {
          nik: child.nik,
          vaccine: 'HB0',
          dose: 1,
          givenOn: '2026-01-05',
          facility: 'RS',
          batch: 'X',
        },
      });
      await t.send(HEALTH_INSURANCE_SET, {
        actor,
        nik: child.nik,
        membership: {
          number: '0005555555555',
          class: 3,
          pbi: true,
          activeFrom: '2026-01-05',
          activeUntil: '2027-01-04',
        },
      });

      const detail = await t.send(HEALTH_SUMMARY_GET, {
        actor,
        nik: child.nik,
        level: HealthSummaryLevel.Detail,
      });
      expect(detail).toEqual({
        level: HealthSummaryLevel.Detail,
        asOf: '2026-11-30',
        immunization: {
          completeBasicImmunization: false,
          upToDate: false,
          overdueDoses: expect.any(Number),
          nextDose: {
            vaccine: 'BCG',
            dose: 1,
            label: 'BCG',
            dueOn: '2026-02-04',
            status: DoseStatus.Overdue,
          },
        },
        pregnancy: { active: false, ancVisits: 0 },
        insurance: { status: InsuranceStatus.Active, pbi: true, class: 3, activeUntil: '2027-01-04' },
      });
      // Admins run the platform and see no personal data: no health details either.
      await expect(
        t.rpcError(HEALTH_SUMMARY_GET, {
          actor: healthWorker({ roles: [Role.Admin], sub: 'ops-1' }),
          nik: child.nik,
          level: HealthSummaryLevel.Detail,
        }),
      ).resolves.toMatchObject({ code: ErrorCode.FORBIDDEN, status: 403 });

      const frontDesk = healthWorker({ roles: [Role.FrontDesk], sub: 'loket-1' });
      const summary = await t.send(HEALTH_SUMMARY_GET, {
        actor: frontDesk,
        nik: child.nik,
        level: HealthSummaryLevel.Summary,
      });
      expect(summary).toEqual({
        level: HealthSummaryLevel.Summary,
        asOf: '2026-11-30',
        immunization: { completeBasicImmunization: false, upToDate: false },
        pregnancy: { active: false, ancVisits: 0 },
        insurance: { status: InsuranceStatus.Active, pbi: true },
      });
      await expect(
        t.rpcError(HEALTH_SUMMARY_GET, {
          actor: frontDesk,
          nik: child.nik,
          level: HealthSummaryLevel.Detail,
        }),
      ).resolves.toMatchObject({ code: ErrorCode.FORBIDDEN, status: 403 });
      await expect(
        t.rpcError(HEALTH_SUMMARY_GET, { actor, nik: child.nik, level: 'EVERYTHING' as HealthSummaryLevel }),
      ).resolves.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'level' })] });

      const logged = await t.dataSource.query<{ actor_sub: string; action: string }[]>(
        `SELECT actor_sub, action FROM data_access_log WHERE $1 = ANY(resident_ids) AND action LIKE 'SUMMARY%' ORDER BY id`,
        [child.residentId],
      );
      expect(logged).toEqual([
        { actor_sub: 'bidan-1', action: 'SUMMARY_DETAIL_READ' },
        { actor_sub: 'loket-1', action: 'SUMMARY_READ' },
      ]);
    });

    it('shows the active pregnancy with its visits, and no immunization part for an adult', async () => {
      const mother = await person('1993-03-03', Sex.Female);
      const pregnancy = await t.send(HEALTH_PREGNANCIES_REGISTER, {
        actor,
        pregnancy: { motherNik: mother.nik, expectedDeliveryDate: '2027-02-14' },
      });
      await t.send(HEALTH_PREGNANCIES_RECORD_VISIT, {
        actor,
        pregnancyId: pregnancy.id,
        visit: { visitedOn: '2026-11-02', facility: 'Posyandu' },
      });
      const detail = await t.send(HEALTH_SUMMARY_GET, {
        actor,
        nik: mother.nik,
        level: HealthSummaryLevel.Detail,
      });
      expect(detail).toMatchObject({
        immunization: null,
        pregnancy: {
          active: true,
          ancVisits: 1,
          expectedDeliveryDate: '2027-02-14',
          lastVisitOn: '2026-11-02',
        },
        insurance: { status: InsuranceStatus.None, pbi: false },
      });
      const summary = await t.send(HEALTH_SUMMARY_GET, {
        actor: healthWorker({ roles: [Role.SocialWorker] }),
        nik: mother.nik,
        level: HealthSummaryLevel.Summary,
      });
      expect(summary.pregnancy).toEqual({ active: true, ancVisits: 1 });
    });
  });
});
