import {
  EducationLevel,
  MaritalStatus,
  type ParsedNik,
  parseNik,
  Religion,
  ResidentStatus,
  ReviewFlagCode,
  Sex,
} from '@terpadu/contracts';
import { newResident } from './new-resident';
import type { PersonData } from './resident-fields';

function nik(raw: string): ParsedNik {
  const result = parseNik(raw, '2026-11-30');
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

const person: PersonData = {
  fullName: 'Siti  Rahayu',
  birthPlace: 'Jakarta',
  birthDate: '1990-05-17',
  sex: Sex.Female,
  religion: Religion.Islam,
  maritalStatus: MaritalStatus.Kawin,
  occupation: 'Guru',
  educationLevel: EducationLevel.Sd,
};

/** A family card as a move in or a birth hands it over: more than an address. */
const card = {
  id: 'a5b0f0a4-6c1e-4b59-9d1e-3f0c2c8e9a11',
  number: '3174041130260001',
  villageCode: '3174041001',
  rt: '001',
  rw: '002',
  hamlet: null,
  street: 'Jl. Melati 5',
  issuedOn: '2026-11-30',
};

const now = new Date('2026-11-30T03:00:00.000Z');

describe(newResident.name, () => {
  it('is a living person at the address, with a fresh id, the search form of the name and one instant', () => {
    const a = newResident(nik('3174045705900001'), person, card, now);
    const b = newResident(nik('3174045705900001'), person, card, now);

    expect(a).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      nik: '3174045705900001',
      ...person,
      fullNameNormalized: 'sitirahayu',
      villageCode: '3174041001',
      rt: '001',
      rw: '002',
      hamlet: null,
      street: 'Jl. Melati 5',
      status: ResidentStatus.Hidup,
      reviewFlags: [],
      createdAt: now,
      updatedAt: now,
    });
    expect(a.id).not.toBe(b.id);
    expect(a.id).not.toBe(card.id);
  });

  it('flags a NIK that encodes another birth date or sex', () => {
    // Day 17 (not 57): the NIK encodes a man.
    expect(newResident(nik('3174041705900001'), person, card, now).reviewFlags).toEqual([
      ReviewFlagCode.NikSexMismatch,
    ]);
    expect(
      newResident(nik('3174045705900001'), { ...person, birthDate: '1990-05-18' }, card, now).reviewFlags,
    ).toEqual([ReviewFlagCode.NikBirthDateMismatch]);
  });
});
