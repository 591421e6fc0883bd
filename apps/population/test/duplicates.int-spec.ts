import {
  DeathCauseCategory,
  DuplicateReason,
  DuplicateResolution,
  DuplicateReviewStatus,
  ErrorCode,
  FAMILY_CARD_CHANGED_V1,
  FamilyRelationship,
  type ListDuplicateReviewsQueryDto,
  POPULATION_DEATHS_REGISTER,
  POPULATION_DUPLICATE_REVIEWS_LIST,
  POPULATION_DUPLICATE_REVIEWS_RESOLVE,
  POPULATION_FAMILY_CARDS_GET,
  POPULATION_RESIDENTS_GET,
  POPULATION_RESIDENTS_REGISTER,
  POPULATION_RESIDENTS_SEARCH,
  ReporterRelationship,
  RESIDENT_UPDATED_V1,
  Sex,
  STREAMS,
} from '@terpadu/contracts';
import { DuplicatesService } from '../src/duplicates/duplicates.service';
import { registrar, residentDto, VILLAGE_OUTSIDE } from './builders';
import { lifeEventSteps } from './life-events-fixtures';
import { type PopulationTestApp, startPopulationApp } from './population-app';
import { StreamReader } from '@terpadu/testing';

describe(`${DuplicatesService.name} over NATS`, () => {
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

  const list = (query: ListDuplicateReviewsQueryDto, a = actor) =>
    t.send(POPULATION_DUPLICATE_REVIEWS_LIST, { actor: a, query });

  it('surfaces a registration with the same name and birth date, registers it anyway and queues the pair', async () => {
    const first = await steps.register({
      fullName: 'Siti Nurhaliza',
      birthDate: '1979-03-11',
      sex: Sex.Female,
    });
    expect(first.possibleDuplicates).toEqual([]);
    t.clock.advance(1000);
    const second = await steps.register({
      fullName: 'SITI  nurhaliza',
      birthDate: '1979-03-11',
      sex: Sex.Female,
    });
    expect(second.possibleDuplicates).toEqual([
      {
        reviewId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        residentId: first.id,
        nik: first.nik,
        fullName: 'Siti Nurhaliza',
        birthDate: '1979-03-11',
        reasons: [DuplicateReason.SameNameAndBirthDate],
      },
    ]);
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: second.nik })).resolves.toMatchObject({
      id: second.id,
    });
    // Same name, another birth date: not a duplicate.
    const other = await steps.register({
      fullName: 'Siti Nurhaliza',
      birthDate: '1979-03-12',
      sex: Sex.Female,
    });
    expect(other.possibleDuplicates).toEqual([]);

    const page = await list({ status: DuplicateReviewStatus.Open });
    expect(page.items).toContainEqual({
      id: second.possibleDuplicates[0].reviewId,
      status: DuplicateReviewStatus.Open,
      reasons: [DuplicateReason.SameNameAndBirthDate],
      resident: expect.objectContaining({
        residentId: second.id,
        nik: second.nik,
        fullName: 'SITI nurhaliza',
      }),
      candidate: expect.objectContaining({ residentId: first.id, nik: first.nik, deactivatedAt: null }),
      createdAt: t.clock.now().toISOString(),
      resolvedAt: null,
      resolvedBy: null,
      resolutionReason: null,
      keptResidentId: null,
      deactivatedResidentId: null,
    });
  });

  it('finds the first of two simultaneous registrations from the second', async () => {
    const [a, b] = await Promise.all([
      steps.register({ fullName: 'Joko Serentak', birthDate: '1981-01-21' }),
      steps.register({ fullName: 'Joko Serentak', birthDate: '1981-01-21' }),
    ]);
    expect([a.possibleDuplicates.length, b.possibleDuplicates.length].sort()).toEqual([0, 1]);
  });

  it('looks only within the registrar’s jurisdiction, and lists only pairs inside it', async () => {
    const outsider = registrar({ jurisdiction: ['3201'] });
    const inBogor = () =>
      t.send(POPULATION_RESIDENTS_REGISTER, {
        actor: outsider,
        resident: residentDto({
          fullName: 'Budi Jauh',
          birthDate: '1977-07-17',
          address: { villageCode: VILLAGE_OUTSIDE, rt: '001', rw: '001', street: 'Jl. Bogor' },
        }),
      });
    await inBogor();
    const near = await steps.register({ fullName: 'Budi Jauh', birthDate: '1977-07-17' });
    expect(near.possibleDuplicates).toEqual([]);
    const far = await inBogor();
    expect(far.possibleDuplicates).toHaveLength(1);
    expect((await list({}, outsider)).items.map((r) => r.id)).toEqual([far.possibleDuplicates[0].reviewId]);
    expect((await list({ limit: 100 })).items.map((r) => r.id)).not.toContain(
      far.possibleDuplicates[0].reviewId,
    );
  });

  it('pages through the queue with a cursor and refuses a foreign cursor', async () => {
    for (let i = 0; i < 3; i++) {
      await steps.register({ fullName: 'Ani Halaman', birthDate: '1985-05-05' });
      t.clock.advance(1000);
    }
    const all = await list({ limit: 100 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((r) => r.id));
    await expect(
      t.rpcError(POPULATION_DUPLICATE_REVIEWS_LIST, { actor, query: { cursor: 'bm90LWEtY3Vyc29y' } }),
    ).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: [expect.objectContaining({ field: 'cursor' })],
    });
  });

  it('resolves a pair as DISTINCT, once', async () => {
    await steps.register({ fullName: 'Dewi Kembar', birthDate: '1990-02-02', sex: Sex.Female });
    const second = await steps.register({
      fullName: 'Dewi Kembar',
      birthDate: '1990-02-02',
      sex: Sex.Female,
    });
    const reviewId = second.possibleDuplicates[0].reviewId;
    t.clock.advance(1000);
    const resolved = await t.send(POPULATION_DUPLICATE_REVIEWS_RESOLVE, {
      actor,
      id: reviewId,
      resolution: { resolution: DuplicateResolution.Distinct, reason: 'Dua orang berbeda, dicek KTP' },
    });
    expect(resolved).toMatchObject({
      status: DuplicateReviewStatus.Distinct,
      resolvedAt: t.clock.now().toISOString(),
      resolvedBy: actor.sub,
      resolutionReason: 'Dua orang berbeda, dicek KTP',
      keptResidentId: null,
      deactivatedResidentId: null,
    });
    await expect(
      t.rpcError(POPULATION_DUPLICATE_REVIEWS_RESOLVE, {
        actor,
        id: reviewId,
        resolution: { resolution: DuplicateResolution.Distinct, reason: 'lagi' },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.DUPLICATE_REVIEW_ALREADY_RESOLVED, status: 409 });
    expect((await list({ status: DuplicateReviewStatus.Open })).items.map((r) => r.id)).not.toContain(
      reviewId,
    );
    expect((await list({ status: DuplicateReviewStatus.Distinct })).items.map((r) => r.id)).toContain(
      reviewId,
    );
  });

  it('resolves a pair as DUPLICATE: the other record is deactivated, leaves its card, and no life event applies to it', async () => {
    const kept = await steps.register({ fullName: 'Rudi Ganda', birthDate: '1970-10-10' });
    const dup = await steps.register({ fullName: 'Rudi Ganda', birthDate: '1970-10-10' });
    const card = await steps.createCard(dup);
    const member = await steps.register({ fullName: 'Istri Rudi', birthDate: '1972-02-02', sex: Sex.Female });
    await steps.addMember(card, member, FamilyRelationship.Istri);
    const reviewId = dup.possibleDuplicates[0].reviewId;

    await expect(
      t.rpcError(POPULATION_DUPLICATE_REVIEWS_RESOLVE, {
        actor,
        id: reviewId,
        resolution: { resolution: DuplicateResolution.Duplicate, keepResidentId: member.id, reason: 'x' },
      }),
    ).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: [expect.objectContaining({ field: 'keepResidentId' })],
    });
    await expect(
      t.rpcError(POPULATION_DUPLICATE_REVIEWS_RESOLVE, {
        actor: registrar({ jurisdiction: ['3201'] }),
        id: reviewId,
        resolution: { resolution: DuplicateResolution.Duplicate, keepResidentId: kept.id, reason: 'x' },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.DUPLICATE_REVIEW_NOT_FOUND, status: 404 });

    t.clock.advance(1000);
    const resolved = await t.send(POPULATION_DUPLICATE_REVIEWS_RESOLVE, {
      actor,
      id: reviewId,
      resolution: {
        resolution: DuplicateResolution.Duplicate,
        keepResidentId: kept.id,
        reason: 'Data ganda dari SIAK lama',
      },
    });
    expect(resolved).toMatchObject({
      status: DuplicateReviewStatus.Duplicate,
      keptResidentId: kept.id,
      deactivatedResidentId: dup.id,
      resident: expect.objectContaining({ residentId: dup.id, deactivatedAt: t.clock.now().toISOString() }),
    });
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: dup.nik })).resolves.toMatchObject({
      familyCard: null,
      deactivation: {
        deactivatedAt: t.clock.now().toISOString(),
        reason: 'Data ganda dari SIAK lama',
        duplicateOfResidentId: kept.id,
      },
    });
    await expect(t.send(POPULATION_FAMILY_CARDS_GET, { actor, number: card.number })).resolves.toMatchObject({
      headNik: null,
      needsNewHead: true,
      members: [expect.objectContaining({ nik: member.nik })],
    });
    const search = await t.send(POPULATION_RESIDENTS_SEARCH, {
      actor,
      query: { name: 'rudi ganda', limit: 100 },
    });
    expect(search.items.map((r) => r.id)).toEqual([kept.id]);

    const updated = await stream.waitFor(
      RESIDENT_UPDATED_V1,
      (e) => e.data.residentId === dup.id && e.data.changedFields.includes('deactivated'),
    );
    expect(updated.event.data.deactivation).toEqual({
      deactivatedAt: t.clock.now().toISOString(),
      duplicateOfResidentId: kept.id,
    });
    await stream.waitFor(
      FAMILY_CARD_CHANGED_V1,
      (e) => e.data.familyCardNumber === card.number && e.data.change === 'MEMBER_DEACTIVATED',
    );

    await expect(
      t.rpcError(POPULATION_DEATHS_REGISTER, {
        actor,
        death: {
          nik: dup.nik,
          dateOfDeath: '2026-11-29',
          placeOfDeath: 'Rumah',
          causeCategory: DeathCauseCategory.Illness,
          reporter: { name: 'Tetangga', relationship: ReporterRelationship.Neighbour },
        },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.RESIDENT_DEACTIVATED, status: 422 });
    // A later registration of the same name and date is compared with the kept record only.
    const third = await steps.register({ fullName: 'Rudi Ganda', birthDate: '1970-10-10' });
    expect(third.possibleDuplicates.map((d) => d.residentId)).toEqual([kept.id]);
    await expect(
      t.rpcError(POPULATION_DUPLICATE_REVIEWS_RESOLVE, {
        actor,
        id: third.possibleDuplicates[0].reviewId,
        resolution: { resolution: DuplicateResolution.Duplicate, keepResidentId: dup.id, reason: 'x' },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
  });

  it('answers an unknown review id as not found and a malformed one as invalid', async () => {
    await expect(
      t.rpcError(POPULATION_DUPLICATE_REVIEWS_RESOLVE, {
        actor,
        id: '00000000-0000-4000-8000-000000000000',
        resolution: { resolution: DuplicateResolution.Distinct, reason: 'x' },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.DUPLICATE_REVIEW_NOT_FOUND, status: 404 });
    await expect(
      t.rpcError(POPULATION_DUPLICATE_REVIEWS_RESOLVE, {
        actor,
        id: 'not-a-uuid',
        resolution: { resolution: DuplicateResolution.Distinct, reason: 'x' },
      }),
    ).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: [expect.objectContaining({ field: 'id' })],
    });
  });
});
