import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type BirthRegisteredV1,
  type ResidentRegisteredV1,
  ResidentStatus,
  Role,
  Sex,
} from '@terpadu/contracts';
import { nikFor } from '@terpadu/testing';

/** Inside the health worker's jurisdiction (Jakarta Timur, kecamatan 04). */
export const VILLAGE_A = '3174041003';
/** Bali (Denpasar): a Japanese encephalitis endemic area in the schedule data. */
export const VILLAGE_BALI = '5171011001';
export const FAMILY_CARD = '3174040101260001';

export function healthWorker(overrides: Partial<Actor> = {}): Actor {
  return {
    sub: 'bidan-1',
    roles: [Role.HealthWorker],
    jurisdiction: ['3174', '51'],
    requestId: 'req-test',
    ...overrides,
  };
}

export function birth(
  birthDate: string,
  overrides: { villageCode?: string; sex?: Sex; familyCardNumber?: string } = {},
): BirthRegisteredV1 {
  const sex = overrides.sex ?? Sex.Female;
  const nik = nikFor(birthDate, sex, (overrides.villageCode ?? VILLAGE_A).slice(0, 6));
  return {
    birthId: randomUUID(),
    certificateNumber: `3174-LT-${birthDate.replace(/-/g, '')}-${nik.slice(-4)}`,
    child: {
      residentId: randomUUID(),
      nik,
      fullName: 'Putri Lestari',
      sex,
      birthDate,
      birthTime: '06:30',
      birthPlace: 'Jakarta',
      weightGrams: 3100,
      lengthCm: 49,
    },
    motherNik: nikFor('1995-04-12', Sex.Female),
    fatherNik: null,
    familyCardNumber: overrides.familyCardNumber ?? FAMILY_CARD,
    villageCode: overrides.villageCode ?? VILLAGE_A,
    registeredAt: `${birthDate}T05:00:00.000Z`,
  };
}

export function registered(
  birthDate: string,
  overrides: Partial<ResidentRegisteredV1> = {},
): ResidentRegisteredV1 {
  const sex = overrides.sex ?? Sex.Male;
  return {
    residentId: randomUUID(),
    nik: nikFor(birthDate, sex),
    fullName: 'Budi Santoso',
    birthDate,
    sex,
    villageCode: VILLAGE_A,
    status: ResidentStatus.Hidup,
    familyCardNumber: null,
    registeredAt: '2026-11-30T03:00:00.000Z',
    ...overrides,
  };
}
