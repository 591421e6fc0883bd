import {
  type Actor,
  BIRTH_REGISTERED_V1,
  DEATH_REGISTERED_V1,
  DeathCauseCategory,
  DuplicateResolution,
  FAMILY_CARD_CHANGED_V1,
  type FamilyCardChange,
  FamilyRelationship,
  LETTER_ISSUED_V1,
  LetterType,
  MaritalStatus,
  EducationLevel,
  POPULATION_DEATHS_REGISTER,
  POPULATION_BIRTHS_REGISTER,
  POPULATION_DUPLICATE_REVIEWS_RESOLVE,
  POPULATION_FAMILY_CARDS_CHANGE_HEAD,
  POPULATION_FAMILY_CARDS_REMOVE_MEMBER,
  POPULATION_FAMILY_CARDS_SPLIT,
  POPULATION_LETTERS_DRAFT,
  POPULATION_LETTERS_REVOKE,
  POPULATION_LETTERS_SIGN,
  POPULATION_MOVES_IN,
  POPULATION_MOVES_OUT,
  POPULATION_RESIDENTS_REGISTER,
  POPULATION_RESIDENTS_UPDATE,
  type RegisterDeathDto,
  Religion,
  ReporterRelationship,
  RESIDENT_MOVED_IN_V1,
  RESIDENT_UPDATED_V1,
  Role,
  Sex,
  STREAMS,
} from '@terpadu/contracts';
import { publishedEvents } from '@terpadu/service-testing';
import { generateDemoVillage, nikFor } from '@terpadu/testing';
import { registrar, residentDto, VILLAGE_B } from './builders';
import { DEMO_COLUMNS, demoRows, upload, waitUntilFinished } from './import-fixtures';
import { lifeEventSteps } from './life-events-fixtures';
import { type PopulationTestApp, startPopulationApp } from './population-app';

/** Kelurahan Tanjung Barat, Jagakarsa: where the letters of this suite are issued. */
const TANJUNG_BARAT = '3174091005';
const frontDesk: Actor = { sub: 'loket-1', roles: [Role.FrontDesk], jurisdiction: ['317409'] };
const villageHead: Actor = { sub: 'lurah-1', roles: [Role.VillageHead], jurisdiction: ['317409'] };

/**
 * What population really publishes, checked against the contract classes its consumers validate
 * with: every flow that writes events runs once here (life events, letters, duplicates, an
 * import), then every event on EVT_POPULATION must validate.
 */
describe('population events against their payload classes', () => {
  let t: PopulationTestApp;
  let steps: ReturnType<typeof lifeEventSteps>;
  const actor = registrar();

  beforeAll(async () => {
    t = await startPopulationApp();
    steps = lifeEventSteps(t, actor);
  });

  afterAll(async () => {
    await t?.close();
  });

  const deathDto = (nik: string): RegisterDeathDto => ({
    nik,
    dateOfDeath: '2026-11-29',
    placeOfDeath: 'Rumah',
    causeCategory: DeathCauseCategory.Illness,
    reporter: { name: 'Siti Rahma', relationship: ReporterRelationship.Child },
  });

  it('registers, corrects, and changes family cards by hand', async () => {
    const f = await steps.family('Kontrak');
    await t.send(POPULATION_RESIDENTS_UPDATE, {
      actor,
      nik: f.father.nik,
      changes: {
        fullName: 'Bapak Kontrak Baru',
        address: { villageCode: VILLAGE_B, rt: '001', rw: '002', street: 'Jl. Baru No. 1' },
        reason: 'Per KTP',
      },
    });
    const child = await steps.register({ fullName: 'Anak Kontrak', birthDate: '2015-01-01' });
    await steps.addMember(f.card, child, FamilyRelationship.Anak);
    await expect(
      t.send(POPULATION_FAMILY_CARDS_REMOVE_MEMBER, {
        actor,
        number: f.card.number,
        nik: child.nik,
        removal: { reason: 'Ikut nenek' },
      }),
    ).resolves.toMatchObject({ members: [{ nik: f.father.nik }, { nik: f.mother.nik }] });
  });

  it('registers births with and without a father', async () => {
    const f = await steps.family('Lahir Kontrak');
    await t.send(POPULATION_BIRTHS_REGISTER, { actor, birth: steps.birthDto(f) });
    const { fatherNik: _father, ...withoutFather } = steps.birthDto(f, {
      fullName: 'Putra Kontrak',
      sex: Sex.Male,
      birthDate: '2026-11-29',
      birthTime: '23:10',
      lengthCm: 50,
    });
    await expect(t.send(POPULATION_BIRTHS_REGISTER, { actor, birth: withoutFather })).resolves.toMatchObject({
      fatherNik: null,
    });
  });

  it('registers deaths (a head, and someone without a card), names a new head and splits a card', async () => {
    const f = await steps.family('Wafat Kontrak');
    const son = await steps.register({ fullName: 'Putra Wafat', birthDate: '1998-04-04', sex: Sex.Male });
    const wife = await steps.register({
      fullName: 'Menantu Wafat',
      birthDate: '1999-09-09',
      sex: Sex.Female,
    });
    await steps.addMember(f.card, son, FamilyRelationship.Anak);
    await steps.addMember(f.card, wife, FamilyRelationship.Menantu);
    await expect(
      t.send(POPULATION_DEATHS_REGISTER, { actor, death: deathDto(f.father.nik) }),
    ).resolves.toMatchObject({ familyNeedsNewHead: true });
    await t.send(POPULATION_FAMILY_CARDS_CHANGE_HEAD, {
      actor,
      number: f.card.number,
      change: { nik: f.mother.nik, reason: 'Suami meninggal' },
    });
    await t.send(POPULATION_FAMILY_CARDS_SPLIT, {
      actor,
      number: f.card.number,
      split: {
        members: [
          { nik: son.nik, relationship: FamilyRelationship.KepalaKeluarga },
          { nik: wife.nik, relationship: FamilyRelationship.Istri },
        ],
        address: { villageCode: VILLAGE_B, rt: '009', rw: '004', street: 'Jl. Anggrek No. 9' },
        reason: 'Menikah',
      },
    });
    const alone = await steps.register({ fullName: 'Kakek Sendiri', birthDate: '1940-02-02' });
    await expect(
      t.send(POPULATION_DEATHS_REGISTER, { actor, death: deathDto(alone.nik) }),
    ).resolves.toMatchObject({ familyCardNumber: null });
  });

  it('moves people out (one member, a whole card, someone without a card) and in (new and returning)', async () => {
    const f = await steps.family('Rantau Kontrak');
    await t.send(POPULATION_MOVES_OUT, {
      actor,
      move: {
        nik: f.mother.nik,
        destinationRegionCode: '3273011001',
        movedOn: '2026-11-15',
        reason: 'Kerja',
      },
    });
    const g = await steps.family('Boyong Kontrak');
    await expect(
      t.send(POPULATION_MOVES_OUT, {
        actor,
        move: {
          familyCardNumber: g.card.number,
          destinationRegionCode: '51',
          movedOn: '2026-11-20',
          reason: 'Ikut',
        },
      }),
    ).resolves.toMatchObject({ familyCardClosed: true });
    const daughter = await steps.register({
      fullName: 'Anak Pulang Kontrak',
      birthDate: '2001-03-03',
      sex: Sex.Female,
      address: { villageCode: VILLAGE_B, rt: '001', rw: '001', street: 'Jl. Lama' },
    });
    await t.send(POPULATION_MOVES_OUT, {
      actor,
      move: { nik: daughter.nik, destinationRegionCode: '3273', movedOn: '2026-01-10', reason: 'Kuliah' },
    });
    await expect(
      t.send(POPULATION_MOVES_IN, {
        actor,
        move: {
          people: [{ nik: daughter.nik, relationship: FamilyRelationship.Anak }],
          familyCardNumber: f.card.number,
          movedOn: '2026-11-28',
        },
      }),
    ).resolves.toMatchObject({ originRegionCode: null });
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
    await t.send(POPULATION_MOVES_IN, {
      actor,
      move: {
        people: [
          {
            ...newcomer('Agus Kontrak', '1980-10-10', Sex.Male),
            relationship: FamilyRelationship.KepalaKeluarga,
          },
          { ...newcomer('Rina Kontrak', '1982-12-12', Sex.Female), relationship: FamilyRelationship.Istri },
        ],
        address: { villageCode: VILLAGE_B, rt: '007', rw: '003', street: 'Jl. Mawar No. 3' },
        originRegionCode: '3273',
        movedOn: '2026-11-25',
        reason: 'Pekerjaan',
      },
    });
  });

  it('issues letters (one that expires, one that does not) and revokes one', async () => {
    const holder = await t.send(POPULATION_RESIDENTS_REGISTER, {
      actor,
      resident: residentDto({
        fullName: 'Siti Kontrak',
        sex: Sex.Female,
        address: { villageCode: TANJUNG_BARAT, rt: '004', rw: '002', street: 'Jl. Kenanga No. 12' },
      }),
    });
    const sign = (id: string) =>
      t.send(POPULATION_LETTERS_SIGN, { actor: villageHead, id, signing: { signerName: 'H. Ahmad Fauzi' } });
    const sktm = await t.send(POPULATION_LETTERS_DRAFT, {
      actor: frontDesk,
      letter: { residentNik: holder.nik, type: LetterType.Sktm, purpose: 'Keringanan biaya sekolah' },
    });
    await expect(sign(sktm.id)).resolves.toMatchObject({ validUntil: expect.any(String) });
    const certificate = await t.send(POPULATION_LETTERS_DRAFT, {
      actor: frontDesk,
      letter: { residentNik: holder.nik, type: LetterType.BirthCertificate, purpose: 'Pensiun' },
    });
    await expect(sign(certificate.id)).resolves.toMatchObject({ validUntil: null });
    await t.send(POPULATION_LETTERS_REVOKE, {
      actor: villageHead,
      id: sktm.id,
      revocation: { reason: 'Data penghasilan tidak benar' },
    });
  });

  it('deactivates a duplicate record that headed a card', async () => {
    const kept = await steps.register({ fullName: 'Rudi Kontrak', birthDate: '1970-10-10' });
    const dup = await steps.register({ fullName: 'Rudi Kontrak', birthDate: '1970-10-10' });
    const card = await steps.createCard(dup);
    const member = await steps.register({
      fullName: 'Istri Rudi Kontrak',
      birthDate: '1972-02-02',
      sex: Sex.Female,
    });
    await steps.addMember(card, member, FamilyRelationship.Istri);
    await expect(
      t.send(POPULATION_DUPLICATE_REVIEWS_RESOLVE, {
        actor,
        id: dup.possibleDuplicates[0].reviewId,
        resolution: {
          resolution: DuplicateResolution.Duplicate,
          keepResidentId: kept.id,
          reason: 'Data ganda',
        },
      }),
    ).resolves.toMatchObject({ deactivatedResidentId: dup.id });
  });

  it('imports households from a SIAK file', async () => {
    const records = generateDemoVillage({ households: 4, villageCode: '3174071002', seed: 11 });
    const { job } = await upload(t, actor, demoRows(records), { columns: DEMO_COLUMNS });
    await expect(waitUntilFinished(t, actor, job.id)).resolves.toMatchObject({
      accepted: records.length,
      rejected: 0,
    });
  });

  it('published only payloads that validate against their classes, of every subject and card change', async () => {
    const published = await publishedEvents(t.dataSource, t.nats.url, STREAMS.population);
    expect(published.events).toHaveLength(published.outboxTotal);
    expect(published.invalid).toEqual([]);

    // The check covered every subject, every kind of card change and the null variants.
    const { dataOf, events, subjects } = published;
    expect(new Set(events.map((e) => e.event.type))).toEqual(new Set(subjects));
    const changes: FamilyCardChange[] = [
      'CREATED',
      'MEMBER_ADDED',
      'MEMBER_REMOVED',
      'MEMBER_BORN',
      'MEMBER_DIED',
      'MEMBER_MOVED_OUT',
      'MEMBER_MOVED_IN',
      'MEMBER_DEACTIVATED',
      'SPLIT',
      'HEAD_CHANGED',
      'CLOSED',
    ];
    expect(new Set(dataOf(FAMILY_CARD_CHANGED_V1).map((d) => d.change))).toEqual(new Set(changes));
    expect(new Set(dataOf(BIRTH_REGISTERED_V1).map((d) => d.fatherNik === null))).toEqual(
      new Set([true, false]),
    );
    expect(new Set(dataOf(DEATH_REGISTERED_V1).map((d) => d.familyCardNumber === null))).toEqual(
      new Set([true, false]),
    );
    expect(new Set(dataOf(LETTER_ISSUED_V1).map((d) => d.validUntil === null))).toEqual(
      new Set([true, false]),
    );
    expect(new Set(dataOf(RESIDENT_MOVED_IN_V1).map((d) => d.originRegionCode === null))).toEqual(
      new Set([true, false]),
    );
    expect(dataOf(RESIDENT_UPDATED_V1).some((d) => d.deactivation !== undefined)).toBe(true);
  });
});
