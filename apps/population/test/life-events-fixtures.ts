import {
  FamilyRelationship,
  type FamilyCardView,
  POPULATION_FAMILY_CARDS_ADD_MEMBER,
  POPULATION_FAMILY_CARDS_CREATE,
  POPULATION_RESIDENTS_REGISTER,
  type Actor,
  type RegisterBirthDto,
  type RegisteredResidentView,
  type RegisterResidentDto,
  Sex,
} from '@terpadu/contracts';
import { residentDto } from './builders';
import type { PopulationTestApp } from './population-app';

/** The district of the builders' villages (Pasar Minggu, Jakarta Selatan), as the registering office. */
export const DISTRICT = '317404';

export interface Family {
  card: FamilyCardView;
  father: RegisteredResidentView;
  mother: RegisteredResidentView;
}

/** Steps the life-event suites share, against the app under test. */
export function lifeEventSteps(t: PopulationTestApp, actor: Actor) {
  const register = (overrides: Partial<RegisterResidentDto> = {}): Promise<RegisteredResidentView> =>
    t.send(POPULATION_RESIDENTS_REGISTER, { actor, resident: residentDto(overrides) });

  const createCard = (head: RegisteredResidentView): Promise<FamilyCardView> =>
    t.send(POPULATION_FAMILY_CARDS_CREATE, { actor, card: { headNik: head.nik } });

  const addMember = (
    card: FamilyCardView,
    member: RegisteredResidentView,
    relationship: FamilyRelationship,
  ): Promise<FamilyCardView> =>
    t.send(POPULATION_FAMILY_CARDS_ADD_MEMBER, {
      actor,
      number: card.number,
      member: { nik: member.nik, relationship },
    });

  /** A father (head) and a mother (wife) on one card. Names are unique so no duplicate is found. */
  const family = async (name: string): Promise<Family> => {
    const father = await register({ fullName: `Bapak ${name}`, birthDate: '1988-03-14', sex: Sex.Male });
    const mother = await register({ fullName: `Ibu ${name}`, birthDate: '1991-07-02', sex: Sex.Female });
    const card = await createCard(father);
    return { card: await addMember(card, mother, FamilyRelationship.Istri), father, mother };
  };

  const birthDto = (f: Family, overrides: Partial<RegisterBirthDto> = {}): RegisterBirthDto => ({
    motherNik: f.mother.nik,
    fatherNik: f.father.nik,
    fullName: 'Putri Anak',
    sex: Sex.Female,
    birthDate: '2026-11-28',
    birthTime: '06:45',
    birthPlace: 'RSUD Pasar Minggu',
    weightGrams: 3200,
    lengthCm: 49.5,
    familyCardNumber: f.card.number,
    districtCode: DISTRICT,
    ...overrides,
  });

  return { addMember, birthDto, createCard, family, register };
}
