import {
  DEATH_REGISTERED_V1,
  DeathCauseCategory,
  ErrorCode,
  FAMILY_CARD_CHANGED_V1,
  FamilyRelationship,
  POPULATION_DEATHS_REGISTER,
  POPULATION_FAMILY_CARDS_ADD_MEMBER,
  POPULATION_FAMILY_CARDS_CREATE,
  POPULATION_FAMILY_CARDS_GET,
  POPULATION_MOVES_OUT,
  POPULATION_RESIDENTS_GET,
  POPULATION_RESIDENTS_HISTORY,
  type RegisterDeathDto,
  ReporterRelationship,
  RESIDENT_UPDATED_V1,
  ResidentStatus,
  Sex,
  STREAMS,
} from '@terpadu/contracts';
import { DeathsService } from '../src/deaths/deaths.service';
import { registrar } from './builders';
import { DISTRICT, lifeEventSteps } from './life-events-fixtures';
import { type PopulationTestApp, startPopulationApp } from './population-app';
import { StreamReader } from '@terpadu/testing';

describe(`${DeathsService.name} over NATS`, () => {
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

  const deathDto = (nik: string, overrides: Partial<RegisterDeathDto> = {}): RegisterDeathDto => ({
    nik,
    dateOfDeath: '2026-11-29',
    placeOfDeath: 'Rumah',
    causeCategory: DeathCauseCategory.Illness,
    reporter: { name: 'Siti Rahma', relationship: ReporterRelationship.Child },
    ...overrides,
  });
  const death = (dto: RegisterDeathDto) => t.send(POPULATION_DEATHS_REGISTER, { actor, death: dto });
  const refused = (dto: RegisterDeathDto, a = actor) =>
    t.rpcError(POPULATION_DEATHS_REGISTER, { actor: a, death: dto });

  it('registers the death of a head: MATI, leaves the card, the card needs a new head, certificate and events', async () => {
    const f = await steps.family('Wafat');
    const view = await death(
      deathDto(f.father.nik, { reporter: { nik: f.mother.nik, relationship: ReporterRelationship.Spouse } }),
    );
    expect(view).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      certificateNumber: `${DISTRICT}-KM-30112026-0001`,
      residentId: f.father.id,
      nik: f.father.nik,
      fullName: 'Bapak Wafat',
      dateOfDeath: '2026-11-29',
      placeOfDeath: 'Rumah',
      causeCategory: DeathCauseCategory.Illness,
      reporter: { name: null, nik: f.mother.nik, relationship: ReporterRelationship.Spouse },
      familyCardNumber: f.card.number,
      familyNeedsNewHead: true,
      registeredAt: t.clock.now().toISOString(),
    });
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: f.father.nik })).resolves.toMatchObject({
      status: ResidentStatus.Mati,
      familyCard: null,
    });
    const card = await t.send(POPULATION_FAMILY_CARDS_GET, { actor, number: f.card.number });
    expect(card).toMatchObject({ headNik: null, needsNewHead: true, closedAt: null });
    expect(card.members.map((m) => m.nik)).toEqual([f.mother.nik]);
    expect(card.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          nik: f.father.nik,
          relationship: FamilyRelationship.KepalaKeluarga,
          leftAt: t.clock.now().toISOString(),
          leaveReason: `Meninggal dunia, akta ${view.certificateNumber}`,
        }),
      ]),
    );
    await expect(t.send(POPULATION_RESIDENTS_HISTORY, { actor, nik: f.father.nik })).resolves.toMatchObject({
      items: [
        { kind: 'DIED', changes: [{ field: 'status', from: 'HIDUP', to: 'MATI' }] },
        { kind: 'REGISTERED' },
      ],
    });

    const died = await stream.waitFor(DEATH_REGISTERED_V1, (e) => e.data.deathId === view.id);
    expect(died.event.data).toEqual({
      deathId: view.id,
      certificateNumber: view.certificateNumber,
      residentId: f.father.id,
      nik: f.father.nik,
      dateOfDeath: '2026-11-29',
      villageCode: f.card.address.villageCode,
      familyCardNumber: f.card.number,
      familyNeedsNewHead: true,
      registeredAt: t.clock.now().toISOString(),
    });
    const updated = await stream.waitFor(RESIDENT_UPDATED_V1, (e) => e.data.residentId === f.father.id);
    expect(updated.event.data).toMatchObject({ changedFields: ['status'], status: ResidentStatus.Mati });
    const changed = await stream.waitFor(
      FAMILY_CARD_CHANGED_V1,
      (e) => e.data.familyCardNumber === f.card.number && e.data.change === 'MEMBER_DIED',
    );
    expect(changed.event.data).toMatchObject({
      affectedNik: f.father.nik,
      headNik: null,
      members: [{ nik: f.mother.nik, relationship: FamilyRelationship.Istri }],
    });
  });

  it('closes the card of a person who lived alone, and registers a death without a card', async () => {
    const alone = await steps.register({ fullName: 'Kakek Sendiri', birthDate: '1940-02-02' });
    const card = await steps.createCard(alone);
    t.clock.advance(1000);
    const view = await death(deathDto(alone.nik));
    expect(view).toMatchObject({ familyCardNumber: card.number, familyNeedsNewHead: false });
    await expect(t.send(POPULATION_FAMILY_CARDS_GET, { actor, number: card.number })).resolves.toMatchObject({
      headNik: null,
      needsNewHead: false,
      closedAt: t.clock.now().toISOString(),
      members: [],
    });
    await stream.waitFor(
      FAMILY_CARD_CHANGED_V1,
      (e) =>
        e.data.familyCardNumber === card.number && e.data.change === 'CLOSED' && e.data.members.length === 0,
    );
    const nobody = await steps.register({ fullName: 'Tanpa Kartu', birthDate: '1950-03-03' });
    await expect(death(deathDto(nobody.nik))).resolves.toMatchObject({
      familyCardNumber: null,
      familyNeedsNewHead: false,
    });
  });

  it('refuses a second death (409 DEATH_ALREADY_REGISTERED), also when two arrive at once', async () => {
    const person = await steps.register({ fullName: 'Dua Kali', birthDate: '1960-04-04' });
    await death(deathDto(person.nik));
    await expect(refused(deathDto(person.nik))).resolves.toMatchObject({
      code: ErrorCode.DEATH_ALREADY_REGISTERED,
      status: 409,
    });
    const raced = await steps.register({ fullName: 'Balapan', birthDate: '1960-05-05' });
    const outcomes = await Promise.allSettled([death(deathDto(raced.nik)), death(deathDto(raced.nik))]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [lost] = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect((lost.reason as { body: { code: string } }).body.code).toBe(ErrorCode.DEATH_ALREADY_REGISTERED);
    const [{ count }] = await t.dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM deaths WHERE resident_id = $1`,
      [raced.id],
    );
    expect(Number(count)).toBe(1);
  });

  it('refuses a death before the birth (422), in the future (400), of a moved-out person, and outside the jurisdiction', async () => {
    const person = await steps.register({ fullName: 'Tanggal Salah', birthDate: '2000-06-15' });
    await expect(refused(deathDto(person.nik, { dateOfDeath: '2000-06-14' }))).resolves.toMatchObject({
      code: ErrorCode.DEATH_BEFORE_BIRTH,
      status: 422,
      errors: [expect.objectContaining({ field: 'dateOfDeath' })],
    });
    await expect(refused(deathDto(person.nik, { dateOfDeath: '2026-12-01' }))).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      status: 400,
      errors: [expect.objectContaining({ field: 'dateOfDeath', code: 'notInFuture' })],
    });
    await expect(
      refused(deathDto(person.nik, { reporter: { relationship: ReporterRelationship.Neighbour } })),
    ).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: expect.arrayContaining([
        expect.objectContaining({ field: 'reporter.name', code: 'isNotEmpty' }),
      ]),
    });
    await expect(refused(deathDto(person.nik), registrar({ jurisdiction: ['3201'] }))).resolves.toMatchObject(
      {
        code: ErrorCode.RESIDENT_NOT_FOUND,
        status: 404,
      },
    );

    await t.send(POPULATION_MOVES_OUT, {
      actor,
      move: { nik: person.nik, destinationRegionCode: '3273', movedOn: '2026-11-01', reason: 'Kuliah' },
    });
    await expect(refused(deathDto(person.nik))).resolves.toMatchObject({
      code: ErrorCode.RESIDENT_MOVED_OUT,
      status: 422,
    });
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: person.nik })).resolves.toMatchObject({
      status: ResidentStatus.Pindah,
    });
  });

  it('declares a missing person dead', async () => {
    const missing = await steps.register({ fullName: 'Orang Hilang', birthDate: '1970-07-07' });
    await t.dataSource.query(`UPDATE residents SET status = 'HILANG' WHERE id = $1`, [missing.id]);
    await expect(death(deathDto(missing.nik))).resolves.toMatchObject({ nik: missing.nik });
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: missing.nik })).resolves.toMatchObject({
      status: ResidentStatus.Mati,
    });
  });

  it('refuses what makes no sense for a deceased person: a card, a membership, a move', async () => {
    const f = await steps.family('Almarhum');
    const son = await steps.register({ fullName: 'Anak Almarhum', birthDate: '2010-01-01', sex: Sex.Male });
    await death(deathDto(son.nik));
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_CREATE, { actor, card: { headNik: son.nik } }),
    ).resolves.toMatchObject({ code: ErrorCode.RESIDENT_DECEASED, status: 422 });
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_ADD_MEMBER, {
        actor,
        number: f.card.number,
        member: { nik: son.nik, relationship: FamilyRelationship.Anak },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.RESIDENT_DECEASED });
    await expect(
      t.rpcError(POPULATION_MOVES_OUT, {
        actor,
        move: { nik: son.nik, destinationRegionCode: '32', movedOn: '2026-11-29', reason: 'x' },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.RESIDENT_DECEASED, status: 422 });
  });
});
