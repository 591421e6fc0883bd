import {
  DeathCauseCategory,
  EducationLevel,
  ErrorCode,
  FAMILY_CARD_CHANGED_V1,
  FamilyRelationship,
  MaritalStatus,
  type MoveInDto,
  type MoveOutDto,
  POPULATION_DEATHS_REGISTER,
  POPULATION_FAMILY_CARDS_ADD_MEMBER,
  POPULATION_FAMILY_CARDS_GET,
  POPULATION_MOVES_IN,
  POPULATION_MOVES_OUT,
  POPULATION_RESIDENTS_GET,
  POPULATION_RESIDENTS_HISTORY,
  Religion,
  ReporterRelationship,
  RESIDENT_MOVED_IN_V1,
  RESIDENT_MOVED_OUT_V1,
  RESIDENT_REGISTERED_V1,
  RESIDENT_UPDATED_V1,
  ResidentStatus,
  Sex,
  STREAMS,
} from '@terpadu/contracts';
import { MovesService } from '../src/moves/moves.service';
import { registrar, VILLAGE_B } from './builders';
import { lifeEventSteps } from './life-events-fixtures';
import { type PopulationTestApp, startPopulationApp } from './population-app';
import { eventually, nikFor, StreamReader } from '@terpadu/testing';

describe(`${MovesService.name} over NATS`, () => {
  let t: PopulationTestApp;
  let stream: StreamReader;
  let steps: ReturnType<typeof lifeEventSteps>;
  const actor = registrar();

  beforeAll(async () => {
    t = await startPopulationApp();
    stream = await StreamReader.connect(t.nats.url, STREAMS.population);
    steps = lifeEventSteps(t, actor);
  });

  afterAll(async () => {
    await stream?.close();
    await t?.close();
  });

  const out = (move: MoveOutDto) => t.send(POPULATION_MOVES_OUT, { actor, move });
  const moveIn = (move: MoveInDto) => t.send(POPULATION_MOVES_IN, { actor, move });
  const outRefused = (move: MoveOutDto) => t.rpcError(POPULATION_MOVES_OUT, { actor, move });
  const inRefused = (move: MoveInDto, a = actor) => t.rpcError(POPULATION_MOVES_IN, { actor: a, move });

  /** Personal data of someone registered in another regency (a NIK issued in Bandung, 3273). */
  const newcomer = (fullName: string, birthDate: string, sex: Sex) => ({
    nik: nikFor(birthDate, sex, '327301'),
    person: {
      fullName,
      birthPlace: 'Bandung',
      birthDate,
      sex,
      religion: Religion.Islam,
      maritalStatus: MaritalStatus.Kawin,
      occupation: 'Guru',
      educationLevel: EducationLevel.D4S1,
    },
  });

  it('moves one member out: PINDAH, leaves the card, one event each', async () => {
    const f = await steps.family('Rantau');
    const view = await out({
      nik: f.mother.nik,
      destinationRegionCode: '3273011001',
      movedOn: '2026-11-15',
      reason: 'Pekerjaan',
    });
    expect(view).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      destinationRegionCode: '3273011001',
      movedOn: '2026-11-15',
      reason: 'Pekerjaan',
      people: [
        {
          residentId: f.mother.id,
          nik: f.mother.nik,
          fullName: 'Ibu Rantau',
          familyCardNumber: f.card.number,
          relationship: FamilyRelationship.Istri,
        },
      ],
      familyCardClosed: false,
      registeredAt: t.clock.now().toISOString(),
    });
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: f.mother.nik })).resolves.toMatchObject({
      status: ResidentStatus.Pindah,
      familyCard: null,
    });
    await expect(
      t.send(POPULATION_FAMILY_CARDS_GET, { actor, number: f.card.number }),
    ).resolves.toMatchObject({
      headNik: f.father.nik,
      needsNewHead: false,
      members: [expect.objectContaining({ nik: f.father.nik })],
    });
    const moved = await stream.waitFor(RESIDENT_MOVED_OUT_V1, (e) => e.data.moveId === view.id);
    expect(moved.event.data).toEqual({
      moveId: view.id,
      residentId: f.mother.id,
      nik: f.mother.nik,
      fromVillageCode: f.card.address.villageCode,
      destinationRegionCode: '3273011001',
      movedOn: '2026-11-15',
      familyCardNumber: f.card.number,
      registeredAt: t.clock.now().toISOString(),
    });
    await stream.waitFor(
      RESIDENT_UPDATED_V1,
      (e) => e.data.residentId === f.mother.id && e.data.status === ResidentStatus.Pindah,
    );
    await stream.waitFor(
      FAMILY_CARD_CHANGED_V1,
      (e) => e.data.familyCardNumber === f.card.number && e.data.change === 'MEMBER_MOVED_OUT',
    );
  });

  it('moves a whole family out: every member PINDAH, the card closed, an event per person', async () => {
    const f = await steps.family('Boyong');
    const child = await steps.register({ fullName: 'Anak Boyong', birthDate: '2015-01-01' });
    await steps.addMember(f.card, child, FamilyRelationship.Anak);
    t.clock.advance(1000);
    const view = await out({
      familyCardNumber: f.card.number,
      destinationRegionCode: '51',
      movedOn: '2026-11-20',
      reason: 'Ikut keluarga',
    });
    expect(view.familyCardClosed).toBe(true);
    expect(view.people.map((p) => p.nik).sort()).toEqual([f.father.nik, f.mother.nik, child.nik].sort());
    await expect(
      t.send(POPULATION_FAMILY_CARDS_GET, { actor, number: f.card.number }),
    ).resolves.toMatchObject({
      headNik: null,
      needsNewHead: false,
      closedAt: t.clock.now().toISOString(),
      members: [],
    });
    for (const p of view.people) {
      await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: p.nik })).resolves.toMatchObject({
        status: ResidentStatus.Pindah,
      });
    }
    // The relay publishes after the commit: wait until all three are on the stream.
    await eventually(async () => {
      const events = await stream.events(RESIDENT_MOVED_OUT_V1);
      expect(events.filter((e) => e.event.data.moveId === view.id)).toHaveLength(3);
    });
    const closed = await stream.waitFor(
      FAMILY_CARD_CHANGED_V1,
      (e) => e.data.familyCardNumber === f.card.number && e.data.change === 'CLOSED',
    );
    expect(closed.event.data).toMatchObject({ affectedNik: f.father.nik, headNik: null, members: [] });
    await expect(
      outRefused({
        familyCardNumber: f.card.number,
        destinationRegionCode: '51',
        movedOn: '2026-11-20',
        reason: 'x',
      }),
    ).resolves.toMatchObject({ code: ErrorCode.FAMILY_CARD_CLOSED });
  });

  it('refuses what makes no sense for a moved-out person, and checks the move itself', async () => {
    const f = await steps.family('Tolak Pindah');
    const son = await steps.register({ fullName: 'Anak Tolak', birthDate: '2012-02-02', sex: Sex.Male });
    await out({ nik: son.nik, destinationRegionCode: '3273', movedOn: '2026-11-01', reason: 'Sekolah' });
    await expect(
      outRefused({ nik: son.nik, destinationRegionCode: '3273', movedOn: '2026-11-02', reason: 'lagi' }),
    ).resolves.toMatchObject({ code: ErrorCode.RESIDENT_MOVED_OUT, status: 422 });
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_ADD_MEMBER, {
        actor,
        number: f.card.number,
        member: { nik: son.nik, relationship: FamilyRelationship.Anak },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.RESIDENT_MOVED_OUT });
    await expect(
      t.rpcError(POPULATION_DEATHS_REGISTER, {
        actor,
        death: {
          nik: son.nik,
          dateOfDeath: '2026-11-20',
          placeOfDeath: 'Bandung',
          causeCategory: DeathCauseCategory.Accident,
          reporter: { name: 'Ayah', relationship: ReporterRelationship.Parent },
        },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.RESIDENT_MOVED_OUT });

    const cases: Array<[MoveOutDto, number, string, string]> = [
      [
        { nik: f.mother.nik, destinationRegionCode: '3273', movedOn: '1990-01-01', reason: 'x' },
        422,
        ErrorCode.DATE_BEFORE_BIRTH,
        'movedOn',
      ],
      [
        { nik: f.mother.nik, destinationRegionCode: '3273', movedOn: '2026-12-24', reason: 'x' },
        400,
        ErrorCode.VALIDATION_FAILED,
        'movedOn',
      ],
      [
        { nik: f.mother.nik, destinationRegionCode: '9973', movedOn: '2026-11-01', reason: 'x' },
        400,
        ErrorCode.VALIDATION_FAILED,
        'destinationRegionCode',
      ],
      [
        { nik: f.mother.nik, destinationRegionCode: '32739', movedOn: '2026-11-01', reason: 'x' },
        400,
        ErrorCode.VALIDATION_FAILED,
        'destinationRegionCode',
      ],
      [
        { nik: f.mother.nik, destinationRegionCode: '3299', movedOn: '2026-11-01', reason: 'x' },
        400,
        ErrorCode.VALIDATION_FAILED,
        'destinationRegionCode',
      ],
      [
        {
          nik: f.mother.nik,
          familyCardNumber: f.card.number,
          destinationRegionCode: '32',
          movedOn: '2026-11-01',
          reason: 'x',
        },
        400,
        ErrorCode.VALIDATION_FAILED,
        'familyCardNumber',
      ],
      [
        { destinationRegionCode: '32', movedOn: '2026-11-01', reason: 'x' },
        400,
        ErrorCode.VALIDATION_FAILED,
        'nik',
      ],
    ];
    for (const [move, status, code, field] of cases) {
      await expect(outRefused(move)).resolves.toMatchObject({
        status,
        code,
        errors: expect.arrayContaining([expect.objectContaining({ field })]),
      });
    }
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: f.mother.nik })).resolves.toMatchObject({
      status: ResidentStatus.Hidup,
    });
  });

  it('moves people new to the registry into a new card at an address, with a head among them', async () => {
    const head = newcomer('Agus Pendatang', '1980-10-10', Sex.Male);
    const wife = newcomer('Rina Pendatang', '1982-12-12', Sex.Female);
    const address = { villageCode: VILLAGE_B, rt: '007', rw: '003', street: 'Jl. Mawar No. 3' };
    const view = await moveIn({
      people: [
        { ...wife, relationship: FamilyRelationship.Istri },
        { ...head, relationship: FamilyRelationship.KepalaKeluarga },
      ],
      address,
      originRegionCode: '3273',
      movedOn: '2026-11-25',
      reason: 'Pekerjaan',
    });
    expect(view.familyCard).toMatchObject({
      number: expect.stringMatching(/^3174043011260\d{3}$/),
      headNik: head.nik,
      address,
      members: [
        expect.objectContaining({ nik: head.nik, relationship: FamilyRelationship.KepalaKeluarga }),
        expect.objectContaining({ nik: wife.nik, relationship: FamilyRelationship.Istri }),
      ],
    });
    expect(view.people.map((p) => [p.nik, p.relationship, p.returning])).toEqual([
      [wife.nik, FamilyRelationship.Istri, false],
      [head.nik, FamilyRelationship.KepalaKeluarga, false],
    ]);
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: wife.nik })).resolves.toMatchObject({
      fullName: 'Rina Pendatang',
      status: ResidentStatus.Hidup,
      address,
      familyCard: { number: view.familyCard.number, relationship: FamilyRelationship.Istri },
    });
    const movedIn = await stream.waitFor(
      RESIDENT_MOVED_IN_V1,
      (e) => e.data.moveId === view.id && e.data.nik === wife.nik,
    );
    expect(movedIn.event.data).toEqual({
      moveId: view.id,
      residentId: view.people[0].residentId,
      nik: wife.nik,
      fullName: 'Rina Pendatang',
      birthDate: '1982-12-12',
      sex: Sex.Female,
      villageCode: VILLAGE_B,
      familyCardNumber: view.familyCard.number,
      relationship: FamilyRelationship.Istri,
      originRegionCode: '3273',
      movedOn: '2026-11-25',
      registeredAt: t.clock.now().toISOString(),
    });
    await stream.waitFor(
      RESIDENT_REGISTERED_V1,
      (e) => e.data.nik === head.nik && e.data.familyCardNumber === view.familyCard.number,
    );
    await stream.waitFor(
      FAMILY_CARD_CHANGED_V1,
      (e) => e.data.familyCardNumber === view.familyCard.number && e.data.change === 'CREATED',
    );
  });

  it('takes a returning resident (moved out before) back onto an existing card, living again at its address', async () => {
    const f = await steps.family('Pulang');
    const daughter = await steps.register({
      fullName: 'Anak Pulang',
      birthDate: '2001-03-03',
      sex: Sex.Female,
      address: { villageCode: VILLAGE_B, rt: '001', rw: '001', street: 'Jl. Lama' },
    });
    await out({ nik: daughter.nik, destinationRegionCode: '3273', movedOn: '2026-01-10', reason: 'Kuliah' });
    t.clock.advance(1000);
    const view = await moveIn({
      people: [{ nik: daughter.nik, relationship: FamilyRelationship.Anak }],
      familyCardNumber: f.card.number,
      movedOn: '2026-11-28',
    });
    expect(view.people).toEqual([
      {
        residentId: daughter.id,
        nik: daughter.nik,
        fullName: 'Anak Pulang',
        familyCardNumber: f.card.number,
        relationship: FamilyRelationship.Anak,
        returning: true,
      },
    ]);
    expect(view.possibleDuplicates).toEqual([]);
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: daughter.nik })).resolves.toMatchObject({
      status: ResidentStatus.Hidup,
      address: f.card.address,
      familyCard: { number: f.card.number, relationship: FamilyRelationship.Anak },
    });
    await expect(t.send(POPULATION_RESIDENTS_HISTORY, { actor, nik: daughter.nik })).resolves.toMatchObject({
      items: [
        {
          kind: 'MOVED_IN',
          changes: expect.arrayContaining([
            { field: 'status', from: 'PINDAH', to: 'HIDUP' },
            { field: 'address.villageCode', from: VILLAGE_B, to: f.card.address.villageCode },
          ]),
        },
        { kind: 'MOVED_OUT' },
        { kind: 'REGISTERED' },
      ],
    });
    await stream.waitFor(
      RESIDENT_UPDATED_V1,
      (e) => e.data.residentId === daughter.id && e.data.status === ResidentStatus.Hidup,
    );
    await stream.waitFor(
      FAMILY_CARD_CHANGED_V1,
      (e) => e.data.familyCardNumber === f.card.number && e.data.change === 'MEMBER_MOVED_IN',
    );
  });

  it('refuses a living resident’s NIK, a newcomer without personal data, bad heads, a deceased person and a foreign card', async () => {
    const f = await steps.family('Datang Tolak');
    const base = { familyCardNumber: f.card.number, movedOn: '2026-11-28' };
    await expect(
      inRefused({ ...base, people: [{ nik: f.mother.nik, relationship: FamilyRelationship.Anak }] }),
    ).resolves.toMatchObject({
      code: ErrorCode.NIK_ALREADY_REGISTERED,
      status: 409,
      errors: [expect.objectContaining({ field: 'people.0.nik' })],
    });
    const stranger = newcomer('Tanpa Data', '1990-01-01', Sex.Male);
    await expect(
      inRefused({ ...base, people: [{ nik: stranger.nik, relationship: FamilyRelationship.FamiliLain }] }),
    ).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: [expect.objectContaining({ field: 'people.0.person', code: 'isDefined' })],
    });
    await expect(
      inRefused({ ...base, people: [{ ...stranger, relationship: FamilyRelationship.KepalaKeluarga }] }),
    ).resolves.toMatchObject({ code: ErrorCode.INVALID_RELATIONSHIP, status: 422 });
    await expect(
      inRefused({
        address: { villageCode: VILLAGE_B, rt: '001', rw: '001', street: 'Jl. Baru' },
        movedOn: '2026-11-28',
        people: [{ ...stranger, relationship: FamilyRelationship.FamiliLain }],
      }),
    ).resolves.toMatchObject({ code: ErrorCode.INVALID_RELATIONSHIP });
    await expect(
      inRefused({
        address: { villageCode: '3201011001', rt: '001', rw: '001', street: 'Jl. Bogor' },
        movedOn: '2026-11-28',
        people: [{ ...stranger, relationship: FamilyRelationship.KepalaKeluarga }],
      }),
    ).resolves.toMatchObject({ code: ErrorCode.FORBIDDEN, status: 403 });
    await expect(
      inRefused(
        { ...base, people: [{ ...stranger, relationship: FamilyRelationship.FamiliLain }] },
        registrar({ jurisdiction: ['3201'] }),
      ),
    ).resolves.toMatchObject({ code: ErrorCode.FAMILY_CARD_NOT_FOUND, status: 404 });
    await expect(
      inRefused({
        ...base,
        people: [
          { ...stranger, relationship: FamilyRelationship.FamiliLain },
          { ...stranger, relationship: FamilyRelationship.FamiliLain },
        ],
      }),
    ).resolves.toMatchObject({
      errors: [expect.objectContaining({ field: 'people.1.nik', code: 'unique' })],
    });

    const late = await steps.register({ fullName: 'Almarhumah', birthDate: '1950-01-01', sex: Sex.Female });
    await t.send(POPULATION_DEATHS_REGISTER, {
      actor,
      death: {
        nik: late.nik,
        dateOfDeath: '2026-10-10',
        placeOfDeath: 'Rumah',
        causeCategory: DeathCauseCategory.Illness,
        reporter: { name: 'Anak', relationship: ReporterRelationship.Child },
      },
    });
    await expect(
      inRefused({ ...base, people: [{ nik: late.nik, relationship: FamilyRelationship.OrangTua }] }),
    ).resolves.toMatchObject({ code: ErrorCode.RESIDENT_DECEASED, status: 422 });
    // Nothing of a refused move was kept.
    const card = await t.send(POPULATION_FAMILY_CARDS_GET, { actor, number: f.card.number });
    expect(card.members).toHaveLength(2);
    const [{ count }] = await t.dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM residents WHERE nik = $1`,
      [stranger.nik],
    );
    expect(Number(count)).toBe(0);
  });
});
