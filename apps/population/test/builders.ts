import {
  type Actor,
  EducationLevel,
  MaritalStatus,
  type RegisterResidentDto,
  Religion,
  Role,
  Sex,
} from '@terpadu/contracts';
import { nikFor } from '@terpadu/testing';

/** Inside the registrar's jurisdiction (Jakarta Timur, kecamatan 04). */
export const VILLAGE_A = '3174041003';
export const VILLAGE_B = '3174041004';
/** Another regency (Bogor): outside the registrar's jurisdiction. */
export const VILLAGE_OUTSIDE = '3201011001';

export function registrar(overrides: Partial<Actor> = {}): Actor {
  return {
    sub: 'registrar-1',
    roles: [Role.Registrar],
    jurisdiction: ['3174'],
    requestId: 'req-test',
    ...overrides,
  };
}

export function residentDto(overrides: Partial<RegisterResidentDto> = {}): RegisterResidentDto {
  const birthDate = overrides.birthDate ?? '1985-08-17';
  const sex = overrides.sex ?? Sex.Male;
  return {
    nik: nikFor(birthDate, sex),
    fullName: 'Budi Santoso',
    birthPlace: 'Jakarta',
    birthDate,
    sex,
    religion: Religion.Islam,
    maritalStatus: MaritalStatus.Kawin,
    occupation: 'Petani',
    educationLevel: EducationLevel.Sma,
    address: {
      villageCode: VILLAGE_A,
      rt: '004',
      rw: '002',
      hamlet: 'Dusun Melati',
      street: 'Jl. Kenanga No. 12',
    },
    ...overrides,
  };
}
