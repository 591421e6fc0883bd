import { randomUUID } from 'node:crypto';
import {
  BIRTH_REGISTERED_V1,
  DEATH_REGISTERED_V1,
  DoseStatus,
  ErrorCode,
  FAMILY_CARD_CHANGED_V1,
  FamilyRelationship,
  HEALTH_IMMUNIZATIONS_GET,
  HEALTH_IMMUNIZATIONS_RECORD,
  HEALTH_PREGNANCIES_LIST,
  HEALTH_PREGNANCIES_REGISTER,
  PregnancyStatus,
  RESIDENT_MOVED_IN_V1,
  RESIDENT_MOVED_OUT_V1,
  RESIDENT_REGISTERED_V1,
  RESIDENT_UPDATED_V1,
  ResidentStatus,
  ScheduleOrigin,
  ScheduleStatus,
  Sex,
  STREAMS,
} from '@terpadu/contracts';
import { addDays } from '../src/common/dates';
import { birth, FAMILY_CARD, healthWorker, registered, VILLAGE_A, VILLAGE_BALI } from './builders';
import { type HealthInfra, type HealthTestApp, startHealthApp, startInfra } from './health-app';
import { eventually, nikFor, StreamReader } from '@terpadu/testing';

interface DataRow {
  vaccine: string;
  dose: number;
  earliest_age_days: number;
  recommended_age_days: number;
  grace_days: number;
  latest_age_days: number | null;
  region_prefixes: string[] | null;
}

describe('schedules from population events', () => {
  let infra: HealthInfra;
  let t: HealthTestApp;
  let populationStream: StreamReader;
  const actor = healthWorker();

  beforeAll(async () => {
    infra = await startInfra();
    t = await startHealthApp(infra);
    populationStream = await StreamReader.connect(infra.nats.url, STREAMS.population);
  });
  afterAll(async () => {
    await populationStream?.close();
    await t?.close();
    await infra?.stop();
  });

  const scheduleOf = (nik: string) =>
    eventually(async () => {
      const view = await t.send(HEALTH_IMMUNIZATIONS_GET, { actor, nik });
      expect(view.schedule).not.toBeNull();
      return view;
    });
  const schedules = (residentId: string) =>
    t.dataSource.query<{ id: string; status: string; origin: string }[]>(
      `SELECT id, status, origin FROM child_schedules WHERE resident_id = $1`,
      [residentId],
    );

  it('gives a newborn a schedule whose dates follow the schedule data (HB-0 within 24 hours, BCG at 1 month, ...)', async () => {
    const event = birth('2026-11-29');
    await infra.population.publish(BIRTH_REGISTERED_V1, event, event.birthId);
    const view = await scheduleOf(event.child.nik);

    const data = await t.dataSource.query<DataRow[]>(
      `SELECT vaccine, dose, earliest_age_days, recommended_age_days, grace_days, latest_age_days, region_prefixes
         FROM immunization_schedule_doses WHERE version = 'KEMENKES-2024'`,
    );
    const applicable = data.filter((d) => d.region_prefixes === null);
    expect(view.schedule).toMatchObject({
      version: 'KEMENKES-2024',
      status: ScheduleStatus.Open,
      origin: ScheduleOrigin.Birth,
      asOf: '2026-11-30',
      completeBasicImmunization: false,
    });
    expect(view.schedule!.doses).toHaveLength(applicable.length);
    for (const rule of applicable) {
      const dose = view.schedule!.doses.find((d) => d.vaccine === rule.vaccine && d.dose === rule.dose);
      expect({ vaccine: rule.vaccine, dose: rule.dose, ...dose }).toMatchObject({
        earliestOn: addDays('2026-11-29', rule.earliest_age_days),
        dueOn: addDays('2026-11-29', rule.recommended_age_days),
        overdueFrom: addDays('2026-11-29', rule.recommended_age_days + rule.grace_days),
        latestOn: rule.latest_age_days === null ? null : addDays('2026-11-29', rule.latest_age_days),
        given: null,
      });
    }
    const byLabel = new Map(view.schedule!.doses.map((d) => [d.label, d]));
    // The national table, as calendar dates for a child born on 29 November 2026.
    expect(byLabel.get('HB-0')).toMatchObject({
      dueOn: '2026-11-29',
      overdueFrom: '2026-11-30',
      status: DoseStatus.Overdue,
    });
    expect(byLabel.get('BCG')).toMatchObject({ dueOn: '2026-12-29', status: DoseStatus.Due });
    expect(byLabel.get('OPV-1')?.dueOn).toBe('2026-12-29');
    for (const label of ['DPT-HB-Hib 1', 'OPV-2', 'PCV-1', 'RV-1'])
      expect({ label, dueOn: byLabel.get(label)?.dueOn }).toEqual({ label, dueOn: '2027-01-29' });
    expect(byLabel.get('RV-3')?.latestOn).toBe('2027-06-29'); // 6 months 29 days (212 days)
    expect(byLabel.get('MR-1')?.dueOn).toBe('2027-08-30'); // 9 months (274 days)
    expect(byLabel.get('MR-2')?.dueOn).toBe('2028-05-30'); // 18 months (548 days)
    expect(byLabel.get('DPT-HB-Hib 4')?.dueOn).toBe('2028-05-30');
    expect(byLabel.has('JE')).toBe(false); // not an endemic area
    expect(view.schedule!.doses.filter((d) => d.basic).map((d) => d.label)).not.toContain('PCV-3');
  });

  it('adds JE to the schedule of a child born in an endemic area', async () => {
    const event = birth('2026-11-20', { villageCode: VILLAGE_BALI });
    await infra.population.publish(BIRTH_REGISTERED_V1, event, event.birthId);
    const view = await scheduleOf(event.child.nik);
    expect(view.schedule!.doses.find((d) => d.vaccine === 'JE')).toMatchObject({
      dueOn: '2027-09-20', // 10 months (304 days)
      basic: true,
    });
  });

  it("does not create a second schedule for a redelivered birth, a second birth event or the child's registration", async () => {
    const event = birth('2026-11-25');
    const eventId = await infra.population.publish(BIRTH_REGISTERED_V1, event, event.birthId);
    await scheduleOf(event.child.nik);
    // The same event again (same id, new message id), a distinct event for the same child, and the
    // child's RESIDENT_REGISTERED_V1 that population commits with the birth.
    await infra.population.redeliver(eventId);
    await infra.population.publish(BIRTH_REGISTERED_V1, { ...event, birthId: randomUUID() }, event.birthId);
    await infra.population.publish(
      RESIDENT_REGISTERED_V1,
      registered(event.child.birthDate, {
        residentId: event.child.residentId,
        nik: event.child.nik,
        sex: event.child.sex,
        familyCardNumber: FAMILY_CARD,
        registeredAt: event.registeredAt,
      }),
      event.child.residentId,
    );
    await eventually(async () => {
      expect(await infra.population.drained()).toBe(true);
      expect(await populationStream.consumed('health__')).toBe(true);
    });
    const rows = await schedules(event.child.residentId);
    expect(rows).toEqual([expect.objectContaining({ status: 'OPEN', origin: 'BIRTH' })]);
    const [doses] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM scheduled_doses WHERE schedule_id = $1`,
      [rows[0].id],
    );
    expect(doses.n).toBe(20);
  });

  it('gives a child registered under 5 a schedule computed from their age, and none to a 5-year-old or an adult', async () => {
    const toddler = registered('2025-02-10', { registeredAt: '2026-11-30T03:00:00.000Z' });
    const five = registered('2021-11-30', { registeredAt: '2026-11-30T03:00:00.000Z' });
    const adult = registered('1985-08-17');
    for (const r of [toddler, five, adult])
      await infra.population.publish(RESIDENT_REGISTERED_V1, r, r.residentId);

    const view = await scheduleOf(toddler.nik);
    expect(view.schedule).toMatchObject({
      origin: ScheduleOrigin.Registered,
      completeBasicImmunization: false,
    });
    const byLabel = new Map(view.schedule!.doses.map((d) => [d.label, d]));
    expect(byLabel.get('BCG')).toMatchObject({ dueOn: '2025-03-12', status: DoseStatus.Overdue });
    expect(byLabel.get('RV-1')).toMatchObject({ latestOn: '2025-07-16', status: DoseStatus.Missed });
    expect(byLabel.get('MR-2')).toMatchObject({ dueOn: '2026-08-12', status: DoseStatus.Overdue });

    for (const r of [five, adult]) {
      const other = await eventually(() => t.send(HEALTH_IMMUNIZATIONS_GET, { actor, nik: r.nik }));
      expect(other.schedule).toBeNull();
    }
  });

  it('re-dates the schedule when population corrects the birth date', async () => {
    const r = registered('2026-06-01');
    await infra.population.publish(RESIDENT_REGISTERED_V1, r, r.residentId);
    await scheduleOf(r.nik);
    await infra.population.publish(
      RESIDENT_UPDATED_V1,
      {
        residentId: r.residentId,
        nik: r.nik,
        changedFields: ['birthDate'],
        fullName: r.fullName,
        birthDate: '2026-06-11',
        sex: r.sex,
        villageCode: r.villageCode,
        status: ResidentStatus.Hidup,
        updatedAt: '2026-11-30T04:00:00.000Z',
      },
      r.residentId,
    );
    await eventually(async () => {
      const view = await t.send(HEALTH_IMMUNIZATIONS_GET, { actor, nik: r.nik });
      expect(view.birthDate).toBe('2026-06-11');
      expect(view.schedule!.doses.find((d) => d.label === 'BCG')?.dueOn).toBe('2026-07-11');
    });
  });

  it('projects family card membership from card changes', async () => {
    const head = registered('1990-01-01');
    const child = registered('2024-05-05');
    for (const r of [head, child]) await infra.population.publish(RESIDENT_REGISTERED_V1, r, r.residentId);
    await infra.population.publish(FAMILY_CARD_CHANGED_V1, {
      familyCardNumber: '3174041505240002',
      villageCode: VILLAGE_A,
      change: 'MEMBER_ADDED',
      affectedNik: child.nik,
      headNik: head.nik,
      members: [
        { nik: head.nik, relationship: FamilyRelationship.KepalaKeluarga },
        { nik: child.nik, relationship: FamilyRelationship.Anak },
      ],
      changedAt: '2026-11-30T03:00:00.000Z',
    });
    await eventually(async () => {
      const rows = await t.dataSource.query<{ nik: string; family_card_number: string | null }[]>(
        `SELECT nik, family_card_number FROM persons WHERE nik = ANY($1) ORDER BY nik`,
        [[head.nik, child.nik]],
      );
      expect(rows.map((row) => row.family_card_number)).toEqual(['3174041505240002', '3174041505240002']);
    });
    await infra.population.publish(FAMILY_CARD_CHANGED_V1, {
      familyCardNumber: '3174041505240002',
      villageCode: VILLAGE_A,
      change: 'MEMBER_REMOVED',
      affectedNik: child.nik,
      headNik: head.nik,
      members: [{ nik: head.nik, relationship: FamilyRelationship.KepalaKeluarga }],
      changedAt: '2026-11-30T04:00:00.000Z',
    });
    await eventually(async () => {
      const [row] = await t.dataSource.query<{ family_card_number: string | null }[]>(
        `SELECT family_card_number FROM persons WHERE nik = $1`,
        [child.nik],
      );
      expect(row.family_card_number).toBeNull();
    });
  });

  it('marks the schedule TRANSFERRED when the child moves out, and reopens it when they move back in', async () => {
    const r = registered('2026-03-03');
    await infra.population.publish(RESIDENT_REGISTERED_V1, r, r.residentId);
    await scheduleOf(r.nik);
    await infra.population.publish(RESIDENT_MOVED_OUT_V1, {
      moveId: randomUUID(),
      residentId: r.residentId,
      nik: r.nik,
      fromVillageCode: VILLAGE_A,
      destinationRegionCode: '3273',
      movedOn: '2026-10-01',
      familyCardNumber: null,
      registeredAt: '2026-10-01T03:00:00.000Z',
    });
    const moved = await eventually(async () => {
      const view = await t.send(HEALTH_IMMUNIZATIONS_GET, { actor, nik: r.nik });
      expect(view.schedule?.status).toBe(ScheduleStatus.Transferred);
      return view;
    });
    // Statuses are frozen on the day the child left.
    expect(moved.schedule!.asOf).toBe('2026-10-01');
    await infra.population.publish(RESIDENT_MOVED_IN_V1, {
      moveId: randomUUID(),
      residentId: r.residentId,
      nik: r.nik,
      fullName: r.fullName,
      birthDate: r.birthDate,
      sex: r.sex,
      villageCode: VILLAGE_A,
      familyCardNumber: '3174040111260003',
      relationship: FamilyRelationship.Anak,
      originRegionCode: '3273',
      movedOn: '2026-11-15',
      registeredAt: '2026-11-15T03:00:00.000Z',
    });
    await eventually(async () => {
      const view = await t.send(HEALTH_IMMUNIZATIONS_GET, { actor, nik: r.nik });
      expect(view.schedule).toMatchObject({ status: ScheduleStatus.Open, asOf: '2026-11-30' });
    });
    expect(await schedules(r.residentId)).toHaveLength(1);
  });

  it('gives a child under 5 who moves in from elsewhere a schedule', async () => {
    const nik = nikFor('2023-07-07', Sex.Female);
    const residentId = randomUUID();
    await infra.population.publish(RESIDENT_MOVED_IN_V1, {
      moveId: randomUUID(),
      residentId,
      nik,
      fullName: 'Ayu Wulandari',
      birthDate: '2023-07-07',
      sex: Sex.Female,
      villageCode: VILLAGE_A,
      familyCardNumber: '3174040111260004',
      relationship: FamilyRelationship.Anak,
      originRegionCode: '5171',
      movedOn: '2026-11-20',
      registeredAt: '2026-11-20T03:00:00.000Z',
    });
    const view = await scheduleOf(nik);
    expect(view.schedule!.origin).toBe(ScheduleOrigin.MovedIn);
  });

  it('closes schedules and pregnancies at death and refuses new records', async () => {
    const child = birth('2026-11-01');
    await infra.population.publish(BIRTH_REGISTERED_V1, child, child.birthId);
    const mother = registered('1996-02-02', { sex: Sex.Female, nik: nikFor('1996-02-02', Sex.Female) });
    await infra.population.publish(RESIDENT_REGISTERED_V1, mother, mother.residentId);
    await scheduleOf(child.child.nik);
    await eventually(() =>
      t.send(HEALTH_PREGNANCIES_REGISTER, {
        actor,
        pregnancy: { motherNik: mother.nik, expectedDeliveryDate: '2027-03-01' },
      }),
    );

    for (const [residentId, nik] of [
      [child.child.residentId, child.child.nik],
      [mother.residentId, mother.nik],
    ]) {
      await infra.population.publish(DEATH_REGISTERED_V1, {
        deathId: randomUUID(),
        certificateNumber: `3174-KM-${nik.slice(-4)}`,
        residentId,
        nik,
        dateOfDeath: '2026-11-28',
        villageCode: VILLAGE_A,
        familyCardNumber: null,
        familyNeedsNewHead: false,
        registeredAt: '2026-11-29T03:00:00.000Z',
      });
    }
    const closed = await eventually(async () => {
      const view = await t.send(HEALTH_IMMUNIZATIONS_GET, { actor, nik: child.child.nik });
      expect(view.schedule?.status).toBe(ScheduleStatus.Closed);
      return view;
    });
    expect(closed.schedule!.asOf).toBe('2026-11-28');
    await eventually(async () => {
      const { items } = await t.send(HEALTH_PREGNANCIES_LIST, { actor, nik: mother.nik });
      expect(items).toEqual([
        expect.objectContaining({ status: PregnancyStatus.Closed, closedOn: '2026-11-28' }),
      ]);
    });
    const refused = await t.rpcError(HEALTH_IMMUNIZATIONS_RECORD, {
      actor,
      immunization: {
        nik: child.child.nik,
        vaccine: 'BCG',
        dose: 1,
        givenOn: '2026-11-27',
        facility: 'Posyandu Melati',
        batch: 'B-1',
      },
    });
    expect(refused).toMatchObject({ code: ErrorCode.RESIDENT_DECEASED, status: 422 });
    const pregnancy = await t.rpcError(HEALTH_PREGNANCIES_REGISTER, {
      actor,
      pregnancy: { motherNik: mother.nik, expectedDeliveryDate: '2027-03-01' },
    });
    expect(pregnancy.code).toBe(ErrorCode.RESIDENT_DECEASED);
  });

  it('keeps a death delivered before the registration of the person waiting, then applies it with the registration', async () => {
    const r = registered('2025-12-12');
    const registration = infra.population.envelopeOf(RESIDENT_REGISTERED_V1, r, '2026-11-01T01:00:00.000Z');
    const death = infra.population.envelopeOf(
      DEATH_REGISTERED_V1,
      {
        deathId: randomUUID(),
        certificateNumber: '3174-KM-0001',
        residentId: r.residentId,
        nik: r.nik,
        dateOfDeath: '2026-11-01',
        villageCode: VILLAGE_A,
        familyCardNumber: null,
        familyNeedsNewHead: false,
        registeredAt: '2026-11-02T03:00:00.000Z',
      },
      '2026-11-02T03:00:00.000Z',
    );
    // Committed in this order by population, delivered in the other (the registration was delayed).
    await infra.population.publishDirect(death);
    await eventually(async () => {
      const waiting = await t.dataSource.query<{ event_id: string }[]>(
        `SELECT event_id FROM person_pending_events`,
      );
      expect(waiting).toEqual([{ event_id: death.id }]);
    });
    // Handled (in the inbox) and waiting: not failed, so not retried into a dead letter.
    await expect(
      t.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [death.id]),
    ).resolves.toEqual([{ n: 1 }]);
    await infra.population.publishDirect(registration);
    await eventually(async () => {
      const [row] = await t.dataSource.query<{ status: string; died_on: string | null }[]>(
        `SELECT status, died_on FROM persons WHERE resident_id = $1`,
        [r.residentId],
      );
      expect(row).toEqual({ status: 'MATI', died_on: '2026-11-01' });
      expect((await schedules(r.residentId))[0]?.status).toBe('CLOSED');
    }, 30_000);
    await expect(t.dataSource.query(`SELECT count(*)::int AS n FROM person_pending_events`)).resolves.toEqual(
      [{ n: 0 }],
    );
    await expect(t.dataSource.query(`SELECT count(*)::int AS n FROM dead_letters`)).resolves.toEqual([
      { n: 0 },
    ]);
  });

  it('merges the health records of a record population deactivated as a duplicate into the one kept', async () => {
    const kept = registered('2026-02-02');
    const duplicate = registered('2026-02-02', { fullName: 'Budi Santosa' });
    for (const r of [kept, duplicate])
      await infra.population.publish(RESIDENT_REGISTERED_V1, r, r.residentId);
    await scheduleOf(kept.nik);
    await scheduleOf(duplicate.nik);
    const give = (nik: string, vaccine: string, givenOn: string) =>
      t.send(HEALTH_IMMUNIZATIONS_RECORD, {
        actor,
        immunization: { nik, vaccine, dose: 1, givenOn, facility: 'Posyandu Melati', batch: 'B-1' },
      });
    await give(kept.nik, 'BCG', '2026-03-04');
    await give(duplicate.nik, 'BCG', '2026-03-05');
    await give(duplicate.nik, 'HB0', '2026-02-02');

    await infra.population.publish(
      RESIDENT_UPDATED_V1,
      {
        residentId: duplicate.residentId,
        nik: duplicate.nik,
        changedFields: ['deactivated'],
        fullName: duplicate.fullName,
        birthDate: duplicate.birthDate,
        sex: duplicate.sex,
        villageCode: duplicate.villageCode,
        status: ResidentStatus.Hidup,
        updatedAt: '2026-11-30T03:30:00.000Z',
        deactivation: { deactivatedAt: '2026-11-30T03:30:00.000Z', duplicateOfResidentId: kept.residentId },
      },
      duplicate.residentId,
    );
    await eventually(async () => {
      await expect(
        t.rpcError(HEALTH_IMMUNIZATIONS_GET, { actor, nik: duplicate.nik }),
      ).resolves.toMatchObject({
        code: ErrorCode.RESIDENT_NOT_FOUND,
      });
    });
    const view = await t.send(HEALTH_IMMUNIZATIONS_GET, { actor, nik: kept.nik });
    // The kept record's BCG stays; the duplicate's HB-0 joins it.
    expect(view.records.map((r) => [r.vaccine, r.givenOn])).toEqual([
      ['HB0', '2026-02-02'],
      ['BCG', '2026-03-04'],
    ]);
    expect(await schedules(duplicate.residentId)).toEqual([]);
    expect(await schedules(kept.residentId)).toHaveLength(1);
  });

  it('applies a move out and a death whose status update arrived first', async () => {
    const [mover, dying] = [registered('2025-03-03'), registered('2025-04-04')];
    for (const r of [mover, dying]) await infra.population.publish(RESIDENT_REGISTERED_V1, r, r.residentId);
    await scheduleOf(mover.nik);
    await scheduleOf(dying.nik);
    // Event times after the registrations (which carry the time of population's Clock): the status
    // update is 1 ms newer than the life events it reports.
    const lifeEventTime = new Date(infra.population.clock.now().getTime() + 60_000);
    const statusUpdateTime = new Date(lifeEventTime.getTime() + 1).toISOString();
    const eventTime = lifeEventTime.toISOString();
    const updated = (r: typeof mover, status: ResidentStatus) =>
      infra.population.envelopeOf(
        RESIDENT_UPDATED_V1,
        {
          residentId: r.residentId,
          nik: r.nik,
          changedFields: ['status'],
          fullName: r.fullName,
          birthDate: r.birthDate,
          sex: r.sex,
          villageCode: r.villageCode,
          status,
          updatedAt: statusUpdateTime,
        },
        statusUpdateTime,
      );
    // Population commits the status update with the life event; here the update is handled first.
    await infra.population.publishDirect(updated(mover, ResidentStatus.Pindah));
    await infra.population.publishDirect(updated(dying, ResidentStatus.Mati));
    await eventually(async () => {
      const rows = await t.dataSource.query<{ status: string }[]>(
        `SELECT status FROM persons WHERE resident_id = ANY($1) ORDER BY status`,
        [[mover.residentId, dying.residentId]],
      );
      expect(rows.map((r) => r.status)).toEqual(['MATI', 'PINDAH']);
    });
    await infra.population.publishDirect(
      infra.population.envelopeOf(
        RESIDENT_MOVED_OUT_V1,
        {
          moveId: randomUUID(),
          residentId: mover.residentId,
          nik: mover.nik,
          fromVillageCode: VILLAGE_A,
          destinationRegionCode: '3273',
          movedOn: '2026-11-30',
          familyCardNumber: null,
          registeredAt: eventTime,
        },
        eventTime,
      ),
    );
    await infra.population.publishDirect(
      infra.population.envelopeOf(
        DEATH_REGISTERED_V1,
        {
          deathId: randomUUID(),
          certificateNumber: '3174-KM-0100',
          residentId: dying.residentId,
          nik: dying.nik,
          dateOfDeath: '2026-11-29',
          villageCode: VILLAGE_A,
          familyCardNumber: null,
          familyNeedsNewHead: false,
          registeredAt: eventTime,
        },
        eventTime,
      ),
    );
    await eventually(async () => {
      expect((await schedules(mover.residentId))[0]?.status).toBe('TRANSFERRED');
      expect((await schedules(dying.residentId))[0]?.status).toBe('CLOSED');
      const [row] = await t.dataSource.query<{ died_on: string }[]>(
        `SELECT died_on FROM persons WHERE resident_id = $1`,
        [dying.residentId],
      );
      expect(row.died_on).toBe('2026-11-29');
    });
  });
});
