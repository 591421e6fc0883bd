import {
  BIRTH_REGISTERED_V1,
  DuplicateReason,
  ErrorCode,
  FAMILY_CARD_CHANGED_V1,
  FamilyRelationship,
  MaritalStatus,
  parseNik,
  POPULATION_BIRTHS_REGISTER,
  POPULATION_DEATHS_REGISTER,
  POPULATION_FAMILY_CARDS_GET,
  POPULATION_MOVES_OUT,
  POPULATION_RESIDENTS_GET,
  POPULATION_RESIDENTS_HISTORY,
  type RegisterBirthDto,
  RESIDENT_REGISTERED_V1,
  ReporterRelationship,
  DeathCauseCategory,
  ResidentStatus,
  Religion,
  Sex,
  STREAMS,
} from '@terpadu/contracts';
import { BirthsService } from '../src/births/births.service';
import { registrar, VILLAGE_OUTSIDE } from './builders';
import { DISTRICT, lifeEventSteps } from './life-events-fixtures';
import { type PopulationTestApp, startPopulationApp } from './population-app';
import { StreamReader } from '@terpadu/testing';

describe(`${BirthsService.name} over NATS`, () => {
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

  const birth = (dto: RegisterBirthDto) => t.send(POPULATION_BIRTHS_REGISTER, { actor, birth: dto });
  const refused = (dto: RegisterBirthDto, a = actor) =>
    t.rpcError(POPULATION_BIRTHS_REGISTER, { actor: a, birth: dto });

  it('issues the NIK, adds the child to the card as ANAK, numbers the certificate and publishes the events', async () => {
    const f = await steps.family('Lestari');
    const view = await birth(steps.birthDto(f, { fullName: ' Putri  Lestari ', religion: Religion.Kristen }));

    // District 317404, born 28-11-2026, a girl: day 28 + 40 = 68; first serial of that prefix.
    expect(view.child.nik).toBe('3174046811260001');
    expect(view).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      certificateNumber: `${DISTRICT}-LU-30112026-0001`,
      child: expect.objectContaining({
        nik: '3174046811260001',
        fullName: 'Putri Lestari',
        birthDate: '2026-11-28',
        sex: Sex.Female,
        religion: Religion.Kristen,
        maritalStatus: MaritalStatus.BelumKawin,
        status: ResidentStatus.Hidup,
        address: f.card.address,
        familyCard: { number: f.card.number, relationship: FamilyRelationship.Anak },
        reviewFlags: [],
        deactivation: null,
      }),
      birthTime: '06:45',
      weightGrams: 3200,
      lengthCm: 49.5,
      motherNik: f.mother.nik,
      fatherNik: f.father.nik,
      familyCardNumber: f.card.number,
      relationship: FamilyRelationship.Anak,
      districtCode: DISTRICT,
      registeredAt: t.clock.now().toISOString(),
      possibleDuplicates: [],
    });
    const parsed = parseNik(view.child.nik, t.clock.today());
    expect(parsed.ok && parsed.value).toMatchObject({ birthDate: '2026-11-28', sex: Sex.Female });

    const card = await t.send(POPULATION_FAMILY_CARDS_GET, { actor, number: f.card.number });
    expect(card.members.map((m) => [m.nik, m.relationship])).toEqual([
      [f.father.nik, FamilyRelationship.KepalaKeluarga],
      [f.mother.nik, FamilyRelationship.Istri],
      [view.child.nik, FamilyRelationship.Anak],
    ]);
    await expect(t.send(POPULATION_RESIDENTS_HISTORY, { actor, nik: view.child.nik })).resolves.toMatchObject(
      {
        items: [{ kind: 'BORN', reason: `Kelahiran, akta ${view.certificateNumber}` }],
      },
    );

    const born = await stream.waitFor(BIRTH_REGISTERED_V1, (e) => e.data.birthId === view.id);
    expect(born.event.data).toEqual({
      birthId: view.id,
      certificateNumber: view.certificateNumber,
      child: {
        residentId: view.child.id,
        nik: view.child.nik,
        fullName: 'Putri Lestari',
        sex: Sex.Female,
        birthDate: '2026-11-28',
        birthTime: '06:45',
        birthPlace: 'RSUD Pasar Minggu',
        weightGrams: 3200,
        lengthCm: 49.5,
      },
      motherNik: f.mother.nik,
      fatherNik: f.father.nik,
      familyCardNumber: f.card.number,
      villageCode: f.card.address.villageCode,
      registeredAt: t.clock.now().toISOString(),
    });
    const registered = await stream.waitFor(
      RESIDENT_REGISTERED_V1,
      (e) => e.data.residentId === view.child.id,
    );
    expect(registered.event.data).toMatchObject({
      nik: view.child.nik,
      status: ResidentStatus.Hidup,
      familyCardNumber: f.card.number,
    });
    const changed = await stream.waitFor(
      FAMILY_CARD_CHANGED_V1,
      (e) => e.data.familyCardNumber === f.card.number && e.data.change === 'MEMBER_BORN',
    );
    expect(changed.event.data).toMatchObject({ affectedNik: view.child.nik, headNik: f.father.nik });
    expect(changed.event.data.members).toHaveLength(3);
  });

  it('takes the next serial past every registered NIK of the prefix, and numbers certificates without gaps', async () => {
    // A NIK issued elsewhere for a boy born 2026-11-27 in district 317404, registered here with serial 0007.
    await steps.register({
      nik: '3174042711260007',
      birthDate: '2026-11-27',
      sex: Sex.Male,
      fullName: 'Bayi Lain',
    });
    const f = await steps.family('Serial');
    const first = await birth(
      steps.birthDto(f, { fullName: 'Bayu Serial', sex: Sex.Male, birthDate: '2026-11-27' }),
    );
    expect(first.child.nik).toBe('3174042711260008');
    const second = await birth(
      steps.birthDto(f, { fullName: 'Bima Serial', sex: Sex.Male, birthDate: '2026-11-27' }),
    );
    expect(second.child.nik).toBe('3174042711260009');
    const [, , , serialA] = first.certificateNumber.split('-');
    const [, , , serialB] = second.certificateNumber.split('-');
    expect(Number(serialB)).toBe(Number(serialA) + 1);
  });

  it('gives 50 concurrent births of one district and birth date 50 distinct valid NIKs', async () => {
    const families = [];
    for (let i = 0; i < 50; i++) families.push(await steps.family(`Serentak ${i}`));
    const births = await Promise.all(
      families.map((f, i) =>
        birth(
          steps.birthDto(f, {
            fullName: `Anak Serentak ${i}`,
            sex: i % 2 === 0 ? Sex.Male : Sex.Female,
            birthDate: '2026-11-20',
          }),
        ),
      ),
    );
    const niks = births.map((b) => b.child.nik);
    expect(new Set(niks).size).toBe(50);
    for (const [i, nik] of niks.entries()) {
      const parsed = parseNik(nik, t.clock.today());
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value).toMatchObject({
        districtCode: DISTRICT,
        birthDate: '2026-11-20',
        sex: i % 2 === 0 ? Sex.Male : Sex.Female,
      });
    }
    // Boys and girls have different prefixes (day 20 and 60); each prefix counts 1..25 without a gap.
    for (const day of ['20', '60']) {
      const serials = niks.filter((n) => n.slice(6, 8) === day).map((n) => Number(n.slice(12)));
      expect(serials.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    }
    const certificates = births.map((b) => Number(b.certificateNumber.split('-')[3]));
    expect(new Set(certificates).size).toBe(50);
  });

  it('adds the child of the head’s son as CUCU', async () => {
    const f = await steps.family('Kakek');
    const son = await steps.register({ fullName: 'Anak Kakek', birthDate: '1998-01-01', sex: Sex.Male });
    const daughterInLaw = await steps.register({
      fullName: 'Menantu Kakek',
      birthDate: '1999-05-05',
      sex: Sex.Female,
    });
    await steps.addMember(f.card, son, FamilyRelationship.Anak);
    await steps.addMember(f.card, daughterInLaw, FamilyRelationship.Menantu);
    const view = await birth(
      steps.birthDto(f, { motherNik: daughterInLaw.nik, fatherNik: son.nik, fullName: 'Cucu Kakek' }),
    );
    expect(view.relationship).toBe(FamilyRelationship.Cucu);
  });

  it('answers twins (same mother and birth date) as possible duplicates, and registers both', async () => {
    const f = await steps.family('Kembar');
    const first = await birth(
      steps.birthDto(f, { fullName: 'Hasan Kembar', sex: Sex.Male, birthTime: '07:00' }),
    );
    expect(first.possibleDuplicates).toEqual([]);
    t.clock.advance(1000);
    const second = await birth(
      steps.birthDto(f, { fullName: 'Husein Kembar', sex: Sex.Male, birthTime: '07:05' }),
    );
    expect(second.possibleDuplicates).toEqual([
      {
        reviewId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        residentId: first.child.id,
        nik: first.child.nik,
        fullName: 'Hasan Kembar',
        birthDate: '2026-11-28',
        reasons: [DuplicateReason.SameMotherAndBirthDate],
      },
    ]);
    t.clock.advance(1000);
    const third = await birth(
      steps.birthDto(f, { fullName: 'hasan  KEMBAR', sex: Sex.Male, birthTime: '07:10' }),
    );
    expect(third.possibleDuplicates.map((d) => [d.residentId, d.reasons])).toEqual([
      [first.child.id, [DuplicateReason.SameNameAndBirthDate, DuplicateReason.SameMotherAndBirthDate]],
      [second.child.id, [DuplicateReason.SameMotherAndBirthDate]],
    ]);
  });

  it('allows a birth registered after the mother died in childbirth, on her last card', async () => {
    const f = await steps.family('Duka');
    await t.send(POPULATION_DEATHS_REGISTER, {
      actor,
      death: {
        nik: f.mother.nik,
        dateOfDeath: '2026-11-28',
        placeOfDeath: 'RSUD Pasar Minggu',
        causeCategory: DeathCauseCategory.Illness,
        reporter: { nik: f.father.nik, relationship: ReporterRelationship.Spouse },
      },
    });
    const view = await birth(steps.birthDto(f, { fullName: 'Anak Duka' }));
    expect(view.relationship).toBe(FamilyRelationship.Anak);
    // A birth after her death is refused.
    await expect(
      refused(steps.birthDto(f, { fullName: 'Anak Mustahil', birthDate: '2026-11-29' })),
    ).resolves.toMatchObject({
      code: ErrorCode.RESIDENT_DECEASED,
      status: 422,
      errors: [expect.objectContaining({ field: 'motherNik' })],
    });
  });

  it('refuses a mother who moved out, a man as mother, a woman as father and parents younger than the child allows', async () => {
    const f = await steps.family('Tolak');
    const man = await steps.register({ fullName: 'Pria Lain', birthDate: '1980-01-01', sex: Sex.Male });
    await expect(refused(steps.birthDto(f, { motherNik: man.nik }))).resolves.toMatchObject({
      code: ErrorCode.INVALID_PARENT,
      status: 422,
      errors: [expect.objectContaining({ field: 'motherNik' })],
    });
    await expect(refused(steps.birthDto(f, { fatherNik: f.mother.nik }))).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: [expect.objectContaining({ field: 'fatherNik' })],
    });
    const woman = await steps.register({ fullName: 'Wanita Lain', birthDate: '1980-01-01', sex: Sex.Female });
    await expect(refused(steps.birthDto(f, { fatherNik: woman.nik }))).resolves.toMatchObject({
      code: ErrorCode.INVALID_PARENT,
      errors: [expect.objectContaining({ field: 'fatherNik' })],
    });
    const girl = await steps.register({ fullName: 'Gadis Kecil', birthDate: '2020-01-01', sex: Sex.Female });
    await steps.addMember(f.card, girl, FamilyRelationship.Anak);
    await expect(refused(steps.birthDto(f, { motherNik: girl.nik }))).resolves.toMatchObject({
      code: ErrorCode.INVALID_PARENT,
    });

    const moved = await steps.family('Pergi');
    await t.send(POPULATION_MOVES_OUT, {
      actor,
      move: {
        nik: moved.mother.nik,
        destinationRegionCode: '3273',
        movedOn: '2026-11-01',
        reason: 'Pekerjaan',
      },
    });
    await expect(refused(steps.birthDto(moved))).resolves.toMatchObject({
      code: ErrorCode.RESIDENT_MOVED_OUT,
      status: 422,
    });
  });

  it('refuses a card without a parent, a closed card, and persons or offices outside the jurisdiction', async () => {
    const f = await steps.family('Kartu');
    const other = await steps.family('Lain');
    await expect(refused(steps.birthDto(f, { familyCardNumber: other.card.number }))).resolves.toMatchObject({
      code: ErrorCode.PARENT_NOT_IN_FAMILY_CARD,
      status: 422,
      errors: [expect.objectContaining({ field: 'familyCardNumber' })],
    });
    await expect(refused(steps.birthDto(f, { districtCode: '320101' }))).resolves.toMatchObject({
      code: ErrorCode.FORBIDDEN,
      status: 403,
      errors: [expect.objectContaining({ field: 'districtCode' })],
    });
    await expect(refused(steps.birthDto(f, { districtCode: '317499' }))).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: [expect.objectContaining({ field: 'districtCode', code: 'knownDistrict' })],
    });
    await expect(refused(steps.birthDto(f), registrar({ jurisdiction: ['3201'] }))).resolves.toMatchObject({
      status: 403,
    });
    await expect(
      refused(
        steps.birthDto(f, { districtCode: '320101' }),
        registrar({ jurisdiction: ['3201', VILLAGE_OUTSIDE] }),
      ),
    ).resolves.toMatchObject({ code: ErrorCode.FAMILY_CARD_NOT_FOUND, status: 404 });
    await expect(refused(steps.birthDto(f, { familyCardNumber: '3174043011269999' }))).resolves.toMatchObject(
      {
        code: ErrorCode.FAMILY_CARD_NOT_FOUND,
      },
    );

    const alone = await steps.register({ fullName: 'Ibu Sendiri', birthDate: '1990-01-01', sex: Sex.Female });
    const card = await steps.createCard(alone);
    await t.send(POPULATION_MOVES_OUT, {
      actor,
      move: {
        familyCardNumber: card.number,
        destinationRegionCode: '32',
        movedOn: '2026-11-29',
        reason: 'Pindah',
      },
    });
    await expect(
      refused({
        ...steps.birthDto(f),
        motherNik: alone.nik,
        fatherNik: undefined,
        familyCardNumber: card.number,
      }),
    ).resolves.toMatchObject({ code: ErrorCode.FAMILY_CARD_CLOSED, status: 422 });
  });

  it('validates dates, time and measures before anything is written', async () => {
    const f = await steps.family('Valid');
    const cases: Array<[Partial<RegisterBirthDto>, string, string]> = [
      [{ birthDate: '2026-12-01' }, 'birthDate', 'notInFuture'],
      [{ birthDate: '2026-02-30' }, 'birthDate', 'isDateString'],
      [{ birthTime: '24:00' }, 'birthTime', 'matches'],
      [{ weightGrams: 250 }, 'weightGrams', 'min'],
      [{ weightGrams: 3.2 }, 'weightGrams', 'isInt'],
      [{ lengthCm: 49.55 }, 'lengthCm', 'isNumber'],
      [{ lengthCm: 90 }, 'lengthCm', 'max'],
      [{ districtCode: '99' }, 'districtCode', 'isRegionCode'],
      [{ fullName: '   ' }, 'fullName', 'isNotEmpty'],
    ];
    for (const [overrides, field, code] of cases) {
      await expect(refused(steps.birthDto(f, overrides))).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
        status: 400,
        errors: expect.arrayContaining([expect.objectContaining({ field, code })]),
      });
    }
    const card = await t.send(POPULATION_FAMILY_CARDS_GET, { actor, number: f.card.number });
    expect(card.members).toHaveLength(2);
    const [{ count }] = await t.dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM births WHERE mother_resident_id = $1`,
      [f.mother.id],
    );
    expect(Number(count)).toBe(0);
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: f.mother.nik })).resolves.toMatchObject({
      status: ResidentStatus.Hidup,
    });
  });
});
