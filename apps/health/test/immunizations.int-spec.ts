import {
  BIRTH_REGISTERED_V1,
  DoseStatus,
  ErrorCode,
  HEALTH_IMMUNIZATIONS_GET,
  HEALTH_IMMUNIZATIONS_RECORD,
  IMMUNIZATION_GIVEN_V1,
  type RecordImmunizationDto,
  type ResidentImmunizationsView,
  Role,
  STREAMS,
} from '@terpadu/contracts';
import { birth, healthWorker } from './builders';
import { type HealthInfra, type HealthTestApp, startHealthApp, startInfra } from './health-app';
import { eventually, StreamReader } from '@terpadu/testing';

describe('immunizations', () => {
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

  /** A child born on `birthDate`, once health has made their schedule; resolves with the NIK. */
  async function newborn(birthDate: string): Promise<{ nik: string; residentId: string }> {
    const event = birth(birthDate);
    await infra.population.publish(BIRTH_REGISTERED_V1, event, event.birthId);
    await eventually(async () => {
      const view = await t.send(HEALTH_IMMUNIZATIONS_GET, { actor, nik: event.child.nik });
      expect(view.schedule).not.toBeNull();
    });
    return { nik: event.child.nik, residentId: event.child.residentId };
  }

  const dose = (nik: string, vaccine: string, n: number, givenOn: string): RecordImmunizationDto => ({
    nik,
    vaccine,
    dose: n,
    givenOn,
    facility: 'Posyandu Melati',
    batch: 'B2611-042',
  });
  const record = (d: RecordImmunizationDto) =>
    t.send(HEALTH_IMMUNIZATIONS_RECORD, { actor, immunization: d });
  const refusal = (d: RecordImmunizationDto) =>
    t.rpcError(HEALTH_IMMUNIZATIONS_RECORD, { actor, immunization: d });
  const statuses = async (
    nik: string,
    day: string,
    labels: string[],
  ): Promise<Record<string, DoseStatus>> => {
    t.clock.setDay(day);
    const view: ResidentImmunizationsView = await t.send(HEALTH_IMMUNIZATIONS_GET, { actor, nik });
    return Object.fromEntries(
      labels.map((label) => [label, view.schedule!.doses.find((d) => d.label === label)!.status]),
    );
  };

  afterEach(() => t.clock.setDay('2026-11-30'));

  it('reads each dose as scheduled, due, overdue, missed or given as the days pass', async () => {
    const { nik } = await newborn('2026-11-29');
    const labels = ['HB-0', 'BCG', 'DPT-HB-Hib 1', 'RV-1'];
    // Birth day: HB-0 and BCG may be given from day 0; DPT-HB-Hib 1 and RV-1 from 6 weeks.
    expect(await statuses(nik, '2026-11-29', labels)).toEqual({
      'HB-0': DoseStatus.Due,
      BCG: DoseStatus.Due,
      'DPT-HB-Hib 1': DoseStatus.Scheduled,
      'RV-1': DoseStatus.Scheduled,
    });
    // Day 1: HB-0 (within 24 hours) is overdue; day 8: past its latest day (7), missed.
    expect((await statuses(nik, '2026-11-30', labels))['HB-0']).toBe(DoseStatus.Overdue);
    expect((await statuses(nik, '2026-12-06', labels))['HB-0']).toBe(DoseStatus.Overdue);
    expect((await statuses(nik, '2026-12-07', labels))['HB-0']).toBe(DoseStatus.Missed);
    // BCG: recommended day 30 (2026-12-29), overdue after 28 more days (2027-01-26).
    expect((await statuses(nik, '2027-01-25', labels)).BCG).toBe(DoseStatus.Due);
    expect((await statuses(nik, '2027-01-26', labels)).BCG).toBe(DoseStatus.Overdue);
    // DPT-HB-Hib 1: due from day 42 (2027-01-10), overdue from day 61 + 28 (2027-02-26).
    expect((await statuses(nik, '2027-01-09', labels))['DPT-HB-Hib 1']).toBe(DoseStatus.Scheduled);
    expect((await statuses(nik, '2027-01-10', labels))['DPT-HB-Hib 1']).toBe(DoseStatus.Due);
    expect((await statuses(nik, '2027-02-26', labels))['DPT-HB-Hib 1']).toBe(DoseStatus.Overdue);
    // Rotavirus 1 cannot be given after day 156 (2027-05-04).
    expect((await statuses(nik, '2027-05-04', labels))['RV-1']).toBe(DoseStatus.Overdue);
    expect((await statuses(nik, '2027-05-05', labels))['RV-1']).toBe(DoseStatus.Missed);

    t.clock.setDay('2027-05-05');
    await record(dose(nik, 'BCG', 1, '2027-02-01'));
    expect((await statuses(nik, '2027-05-05', labels)).BCG).toBe(DoseStatus.Given);
  });

  it('moves the next dose when the previous one came late (minimum interval)', async () => {
    const { nik } = await newborn('2026-11-29');
    t.clock.setDay('2027-02-20');
    await record(dose(nik, 'DPT_HB_HIB', 1, '2027-02-20'));
    const view = await t.send(HEALTH_IMMUNIZATIONS_GET, { actor, nik });
    // Without the late first dose: earliest 2027-02-07, due 2027-02-28. With it: 28 days after it.
    expect(view.schedule!.doses.find((d) => d.label === 'DPT-HB-Hib 2')).toMatchObject({
      earliestOn: '2027-03-20',
      dueOn: '2027-03-20',
      overdueFrom: '2027-04-17',
      status: DoseStatus.Scheduled,
    });
  });

  it('refuses a dose the child is too young for', async () => {
    const { nik } = await newborn('2026-11-29');
    t.clock.setDay('2027-03-01');
    await expect(refusal(dose(nik, 'DPT_HB_HIB', 1, '2027-01-09'))).resolves.toMatchObject({
      code: ErrorCode.IMMUNIZATION_TOO_EARLY,
      status: 422,
      errors: [{ field: 'givenOn', code: 'minimumAge', message: 'givenOn must be on or after 2027-01-10' }],
    });
    await expect(refusal(dose(nik, 'BCG', 1, '2026-11-28'))).resolves.toMatchObject({
      code: ErrorCode.IMMUNIZATION_TOO_EARLY,
    });
    await expect(record(dose(nik, 'DPT_HB_HIB', 1, '2027-01-10'))).resolves.toMatchObject({
      label: 'DPT-HB-Hib 1',
    });
  });

  it('refuses a dose too soon after the previous dose, or too soon before the next one recorded', async () => {
    const { nik } = await newborn('2026-11-29');
    t.clock.setDay('2027-04-01');
    await record(dose(nik, 'DPT_HB_HIB', 1, '2027-01-28'));
    await expect(refusal(dose(nik, 'DPT_HB_HIB', 2, '2027-02-20'))).resolves.toMatchObject({
      code: ErrorCode.IMMUNIZATION_INTERVAL_TOO_SHORT,
      status: 422,
      errors: [
        { field: 'givenOn', code: 'minimumInterval', message: 'givenOn must be on or after 2027-02-25' },
      ],
    });
    await expect(record(dose(nik, 'DPT_HB_HIB', 2, '2027-02-25'))).resolves.toMatchObject({ dose: 2 });

    // OPV-2 recorded first (given elsewhere, recorded late), then OPV-1 dated too close before it.
    await record(dose(nik, 'OPV', 2, '2027-01-29'));
    await expect(refusal(dose(nik, 'OPV', 1, '2027-01-10'))).resolves.toMatchObject({
      code: ErrorCode.IMMUNIZATION_INTERVAL_TOO_SHORT,
      errors: [
        { field: 'givenOn', code: 'minimumInterval', message: 'givenOn must be on or before 2027-01-01' },
      ],
    });
    await expect(record(dose(nik, 'OPV', 1, '2027-01-01'))).resolves.toMatchObject({ dose: 1 });
  });

  it('refuses a dose already given, also when two recordings race', async () => {
    const { nik } = await newborn('2026-11-29');
    await record(dose(nik, 'HB0', 1, '2026-11-29'));
    await expect(refusal(dose(nik, 'HB0', 1, '2026-11-30'))).resolves.toMatchObject({
      code: ErrorCode.IMMUNIZATION_ALREADY_GIVEN,
      status: 409,
    });
    const results = await Promise.allSettled([
      record(dose(nik, 'BCG', 1, '2026-11-30')),
      record(dose(nik, 'BCG', 1, '2026-11-30')),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const [row] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM immunizations i JOIN persons p USING (resident_id)
        WHERE p.nik = $1 AND i.vaccine = 'BCG'`,
      [nik],
    );
    expect(row.n).toBe(1);
  });

  it('refuses a date in the future with 400 on givenOn', async () => {
    const { nik } = await newborn('2026-11-29');
    await expect(refusal(dose(nik, 'BCG', 1, '2026-12-01'))).resolves.toEqual({
      code: ErrorCode.VALIDATION_FAILED,
      status: 400,
      detail: expect.any(String),
      errors: [{ field: 'givenOn', code: 'notInFuture', message: 'givenOn cannot be after today' }],
    });
  });

  it("refuses a dose that is not in the child's schedule data (JE outside endemic areas, a fifth DPT dose)", async () => {
    const { nik } = await newborn('2026-01-05');
    for (const [vaccine, n] of [
      ['JE', 1],
      ['DPT_HB_HIB', 5],
      ['YELLOW_FEVER', 1],
    ] as const) {
      await expect(refusal(dose(nik, vaccine, n, '2026-11-30'))).resolves.toMatchObject({
        code: ErrorCode.IMMUNIZATION_NOT_IN_SCHEDULE,
        status: 422,
      });
    }
  });

  it('answers a malformed request, a person outside the jurisdiction and a caller who is no health worker', async () => {
    const { nik } = await newborn('2026-11-29');
    await expect(
      t.rpcError(HEALTH_IMMUNIZATIONS_RECORD, {
        actor,
        immunization: { ...dose(nik, 'bcg', 0, '30-11-2026'), batch: '' },
      }),
    ).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: expect.arrayContaining([
        expect.objectContaining({ field: 'vaccine' }),
        expect.objectContaining({ field: 'dose' }),
        expect.objectContaining({ field: 'givenOn' }),
        expect.objectContaining({ field: 'batch' }),
      ]),
    });
    const outsider = healthWorker({ jurisdiction: ['3273'] });
    await expect(
      t.rpcError(HEALTH_IMMUNIZATIONS_RECORD, {
        actor: outsider,
        immunization: dose(nik, 'BCG', 1, '2026-11-30'),
      }),
    ).resolves.toMatchObject({ code: ErrorCode.RESIDENT_NOT_FOUND, status: 404 });
    await expect(t.rpcError(HEALTH_IMMUNIZATIONS_GET, { actor: outsider, nik })).resolves.toMatchObject({
      code: ErrorCode.RESIDENT_NOT_FOUND,
    });
    const registrar = healthWorker({ roles: [Role.Registrar] });
    await expect(
      t.rpcError(HEALTH_IMMUNIZATIONS_RECORD, {
        actor: registrar,
        immunization: dose(nik, 'BCG', 1, '2026-11-30'),
      }),
    ).resolves.toMatchObject({ code: ErrorCode.FORBIDDEN, status: 403 });
    await expect(t.rpcError(HEALTH_IMMUNIZATIONS_GET, { actor: registrar, nik })).resolves.toMatchObject({
      code: ErrorCode.FORBIDDEN,
    });
    // Admins run the platform and see no personal data: they neither read nor write health records.
    const admin = healthWorker({ roles: [Role.Admin] });
    await expect(t.rpcError(HEALTH_IMMUNIZATIONS_GET, { actor: admin, nik })).resolves.toMatchObject({
      code: ErrorCode.FORBIDDEN,
      status: 403,
    });
    await expect(
      t.rpcError(HEALTH_IMMUNIZATIONS_RECORD, {
        actor: admin,
        immunization: dose(nik, 'BCG', 1, '2026-11-30'),
      }),
    ).resolves.toMatchObject({ code: ErrorCode.FORBIDDEN });
  });

  it('reads complete basic immunization once every dose due before 12 months is given, and announces each dose', async () => {
    const { nik, residentId } = await newborn('2026-01-05');
    t.clock.setDay('2027-03-01');
    const before = await t.send(HEALTH_IMMUNIZATIONS_GET, { actor, nik });
    const basic = before.schedule!.doses.filter((d) => d.basic);
    expect(basic.map((d) => d.label).sort()).toEqual(
      [
        'HB-0',
        'BCG',
        'OPV-1',
        'OPV-2',
        'OPV-3',
        'OPV-4',
        'DPT-HB-Hib 1',
        'DPT-HB-Hib 2',
        'DPT-HB-Hib 3',
        'PCV-1',
        'PCV-2',
        'RV-1',
        'RV-2',
        'RV-3',
        'IPV-1',
        'IPV-2',
        'MR-1',
      ].sort(),
    );
    for (const [index, d] of basic.entries()) {
      await record(dose(nik, d.vaccine, d.dose, d.dueOn));
      const view = await t.send(HEALTH_IMMUNIZATIONS_GET, { actor, nik });
      expect({ after: d.label, complete: view.schedule!.completeBasicImmunization }).toEqual({
        after: d.label,
        complete: index === basic.length - 1,
      });
    }
    const events = await eventually(async () => {
      const found = (await stream.events(IMMUNIZATION_GIVEN_V1)).filter(
        (e) => e.event.data.residentId === residentId,
      );
      expect(found).toHaveLength(basic.length);
      return found;
    });
    const last = events.find(
      (e) =>
        e.event.data.vaccine === basic[basic.length - 1].vaccine &&
        e.event.data.dose === basic[basic.length - 1].dose,
    );
    expect(last!.event).toMatchObject({
      source: 'terpadu/health',
      type: IMMUNIZATION_GIVEN_V1,
      subject: residentId,
      data: {
        residentId,
        nik,
        completeBasicImmunization: true,
        villageCode: '3174041003',
        familyCardNumber: '3174040101260001',
      },
    });
    expect(last!.msgId).toBe(last!.event.id);
    // No clinical detail beyond which dose and when: no facility, no batch.
    expect(Object.keys(last!.event.data).sort()).toEqual(
      [
        'completeBasicImmunization',
        'dose',
        'familyCardNumber',
        'givenOn',
        'immunizationId',
        'nik',
        'recordedAt',
        'residentId',
        'vaccine',
        'villageCode',
      ].sort(),
    );
    expect(last!.subject).not.toContain(nik);
  });

  it('records who read and wrote whose immunizations, by id and never by NIK', async () => {
    const { nik, residentId } = await newborn('2026-11-29');
    const [{ last }] = await t.dataSource.query<{ last: string }[]>(
      `SELECT coalesce(max(id), 0) AS last FROM data_access_log`,
    );
    await record(dose(nik, 'HB0', 1, '2026-11-29'));
    await t.send(HEALTH_IMMUNIZATIONS_GET, {
      actor: healthWorker({ sub: 'bidan-2', requestId: 'req-9' }),
      nik,
    });
    const rows = await t.dataSource.query<Record<string, unknown>[]>(
      `SELECT actor_sub, action, resident_ids, request_id FROM data_access_log
        WHERE $1 = ANY(resident_ids) AND id > $2 ORDER BY id`,
      [residentId, last],
    );
    expect(rows).toEqual([
      {
        actor_sub: 'bidan-1',
        action: 'IMMUNIZATION_RECORD',
        resident_ids: [residentId],
        request_id: 'req-test',
      },
      { actor_sub: 'bidan-2', action: 'IMMUNIZATIONS_READ', resident_ids: [residentId], request_id: 'req-9' },
    ]);
    expect(JSON.stringify(rows)).not.toContain(nik);
  });
});
