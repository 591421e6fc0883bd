import {
  DeathCauseCategory,
  ErrorCode,
  FAMILY_CARD_CHANGED_V1,
  FamilyRelationship,
  POPULATION_DEATHS_REGISTER,
  POPULATION_FAMILY_CARDS_CHANGE_HEAD,
  POPULATION_FAMILY_CARDS_GET,
  POPULATION_FAMILY_CARDS_SPLIT,
  POPULATION_RESIDENTS_GET,
  ReporterRelationship,
  RESIDENT_UPDATED_V1,
  Sex,
  type SplitFamilyCardDto,
  STREAMS,
} from '@terpadu/contracts';
import { FamilyCardChangesService } from '../src/family-cards/family-card-changes.service';
import { registrar, VILLAGE_B } from './builders';
import { type Family, lifeEventSteps } from './life-events-fixtures';
import { type PopulationTestApp, startPopulationApp } from './population-app';
import { StreamReader } from '@terpadu/testing';

describe(`${FamilyCardChangesService.name} over NATS`, () => {
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

  const split = (number: string, dto: SplitFamilyCardDto) =>
    t.send(POPULATION_FAMILY_CARDS_SPLIT, { actor, number, split: dto });
  const splitRefused = (number: string, dto: SplitFamilyCardDto) =>
    t.rpcError(POPULATION_FAMILY_CARDS_SPLIT, { actor, number, split: dto });

  /** A family with a married son and his wife on the parents' card. */
  async function familyWithCouple(
    name: string,
  ): Promise<Family & { son: { nik: string; id: string }; wife: { nik: string; id: string } }> {
    const f = await steps.family(name);
    const son = await steps.register({ fullName: `Putra ${name}`, birthDate: '1998-04-04', sex: Sex.Male });
    const wife = await steps.register({
      fullName: `Menantu ${name}`,
      birthDate: '1999-09-09',
      sex: Sex.Female,
    });
    await steps.addMember(f.card, son, FamilyRelationship.Anak);
    const card = await steps.addMember(f.card, wife, FamilyRelationship.Menantu);
    return { ...f, card, son, wife };
  }

  it('splits a married son and his wife off into a new card at a new address', async () => {
    const f = await familyWithCouple('Pisah');
    t.clock.advance(1000);
    const address = { villageCode: VILLAGE_B, rt: '009', rw: '004', street: 'Jl. Anggrek No. 9' };
    const view = await split(f.card.number, {
      members: [
        { nik: f.wife.nik, relationship: FamilyRelationship.Istri },
        { nik: f.son.nik, relationship: FamilyRelationship.KepalaKeluarga },
      ],
      address,
      reason: 'Menikah',
    });
    expect(view.from.members.map((m) => m.nik)).toEqual([f.father.nik, f.mother.nik]);
    expect(view.from.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          nik: f.son.nik,
          leftAt: t.clock.now().toISOString(),
          leaveReason: 'Pisah KK: Menikah',
        }),
      ]),
    );
    expect(view.to).toMatchObject({
      number: expect.stringMatching(/^3174043011260\d{3}$/),
      headNik: f.son.nik,
      address,
      needsNewHead: false,
      members: [
        expect.objectContaining({ nik: f.son.nik, relationship: FamilyRelationship.KepalaKeluarga }),
        expect.objectContaining({ nik: f.wife.nik, relationship: FamilyRelationship.Istri }),
      ],
    });
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: f.son.nik })).resolves.toMatchObject({
      address,
      familyCard: { number: view.to.number, relationship: FamilyRelationship.KepalaKeluarga },
    });
    await stream.waitFor(
      FAMILY_CARD_CHANGED_V1,
      (e) =>
        e.data.familyCardNumber === f.card.number &&
        e.data.change === 'SPLIT' &&
        e.data.affectedNik === f.son.nik,
    );
    const created = await stream.waitFor(
      FAMILY_CARD_CHANGED_V1,
      (e) => e.data.familyCardNumber === view.to.number && e.data.change === 'CREATED',
    );
    expect(created.event.data).toMatchObject({ headNik: f.son.nik, villageCode: VILLAGE_B });
    const relocated = await stream.waitFor(RESIDENT_UPDATED_V1, (e) => e.data.residentId === f.son.id);
    expect(relocated.event.data).toMatchObject({
      villageCode: VILLAGE_B,
      changedFields: expect.arrayContaining(['address.villageCode', 'address.street']),
    });
  });

  it('keeps the old address when none is given, and refuses bad splits', async () => {
    const f = await familyWithCouple('Tetap');
    const both = [
      { nik: f.son.nik, relationship: FamilyRelationship.KepalaKeluarga },
      { nik: f.wife.nik, relationship: FamilyRelationship.Istri },
    ];
    const cases: Array<[SplitFamilyCardDto, number, ErrorCode]> = [
      [
        { members: [{ nik: f.son.nik, relationship: FamilyRelationship.Anak }], reason: 'x' },
        422,
        ErrorCode.INVALID_RELATIONSHIP,
      ],
      [
        {
          members: [...both, { nik: f.mother.nik, relationship: FamilyRelationship.KepalaKeluarga }],
          reason: 'x',
        },
        422,
        ErrorCode.INVALID_RELATIONSHIP,
      ],
      [
        { members: [{ nik: f.father.nik, relationship: FamilyRelationship.KepalaKeluarga }], reason: 'x' },
        422,
        ErrorCode.HEAD_CANNOT_LEAVE,
      ],
      [{ members: [both[0], both[0]], reason: 'x' }, 400, ErrorCode.VALIDATION_FAILED],
      [{ members: both, reason: '  ' }, 400, ErrorCode.VALIDATION_FAILED],
      [
        {
          members: both,
          reason: 'x',
          address: { villageCode: '3201011001', rt: '001', rw: '001', street: 'Jl. Bogor' },
        },
        403,
        ErrorCode.FORBIDDEN,
      ],
    ];
    const stranger = await steps.register({ fullName: 'Orang Lain', birthDate: '1995-05-05' });
    cases.push([
      { members: [{ nik: stranger.nik, relationship: FamilyRelationship.KepalaKeluarga }], reason: 'x' },
      404,
      ErrorCode.NOT_A_FAMILY_MEMBER,
    ]);
    for (const [dto, status, code] of cases) {
      await expect(splitRefused(f.card.number, dto)).resolves.toMatchObject({ status, code });
    }
    const view = await split(f.card.number, { members: both, reason: 'Menikah' });
    expect(view.to.address).toEqual(f.card.address);
    expect(view.to.members).toHaveLength(2);
  });

  it('refuses to split everyone off a card that needs a new head (INVALID_SPLIT)', async () => {
    const f = await steps.family('Kosong');
    await t.send(POPULATION_DEATHS_REGISTER, {
      actor,
      death: {
        nik: f.father.nik,
        dateOfDeath: '2026-11-20',
        placeOfDeath: 'Rumah',
        causeCategory: DeathCauseCategory.Illness,
        reporter: { nik: f.mother.nik, relationship: ReporterRelationship.Spouse },
      },
    });
    await expect(
      splitRefused(f.card.number, {
        members: [{ nik: f.mother.nik, relationship: FamilyRelationship.KepalaKeluarga }],
        reason: 'x',
      }),
    ).resolves.toMatchObject({ code: ErrorCode.INVALID_SPLIT, status: 422 });
  });

  it('names a new head after the head died, and changes the head of a card that has one', async () => {
    const f = await familyWithCouple('Ganti');
    await t.send(POPULATION_DEATHS_REGISTER, {
      actor,
      death: {
        nik: f.father.nik,
        dateOfDeath: '2026-11-20',
        placeOfDeath: 'Rumah',
        causeCategory: DeathCauseCategory.Illness,
        reporter: { nik: f.mother.nik, relationship: ReporterRelationship.Spouse },
      },
    });
    t.clock.advance(1000);
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_CHANGE_HEAD, {
        actor,
        number: f.card.number,
        change: { nik: f.father.nik, reason: 'x' },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.NOT_A_FAMILY_MEMBER, status: 404 });
    const widow = await t.send(POPULATION_FAMILY_CARDS_CHANGE_HEAD, {
      actor,
      number: f.card.number,
      change: { nik: f.mother.nik, reason: 'Suami meninggal' },
    });
    expect(widow).toMatchObject({ headNik: f.mother.nik, needsNewHead: false });
    expect(widow.members.map((m) => [m.nik, m.relationship])).toEqual([
      [f.mother.nik, FamilyRelationship.KepalaKeluarga],
      [f.son.nik, FamilyRelationship.Anak],
      [f.wife.nik, FamilyRelationship.Menantu],
    ]);
    expect(widow.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          nik: f.mother.nik,
          relationship: FamilyRelationship.Istri,
          leaveReason: 'Kepala keluarga diganti: Suami meninggal',
        }),
      ]),
    );
    await stream.waitFor(
      FAMILY_CARD_CHANGED_V1,
      (e) =>
        e.data.familyCardNumber === f.card.number &&
        e.data.change === 'HEAD_CHANGED' &&
        e.data.headNik === f.mother.nik,
    );

    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_CHANGE_HEAD, {
        actor,
        number: f.card.number,
        change: { nik: f.son.nik, reason: 'x' },
      }),
    ).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: [expect.objectContaining({ field: 'previousHeadRelationship' })],
    });
    t.clock.advance(1000);
    const son = await t.send(POPULATION_FAMILY_CARDS_CHANGE_HEAD, {
      actor,
      number: f.card.number,
      change: {
        nik: f.son.nik,
        previousHeadRelationship: FamilyRelationship.OrangTua,
        reason: 'Ibu sudah sepuh',
      },
    });
    expect(son.members.map((m) => [m.nik, m.relationship])).toEqual([
      [f.son.nik, FamilyRelationship.KepalaKeluarga],
      [f.wife.nik, FamilyRelationship.Menantu],
      [f.mother.nik, FamilyRelationship.OrangTua],
    ]);
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_CHANGE_HEAD, {
        actor,
        number: f.card.number,
        change: { nik: f.son.nik, previousHeadRelationship: FamilyRelationship.Anak, reason: 'x' },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.NOTHING_TO_CHANGE, status: 422 });
    await expect(t.send(POPULATION_FAMILY_CARDS_GET, { actor, number: f.card.number })).resolves.toEqual(son);
  });
});
