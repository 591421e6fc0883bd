import { Role } from '@terpadu/contracts';

/** Roles that may not do anything in the population registry. */
export const OUTSIDERS = [Role.Admin, Role.Resident];

/** Every role of the platform except `allowed`. */
export function rolesExcept(allowed: readonly string[]): Role[] {
  return Object.values(Role).filter((role) => !allowed.includes(role));
}

/** A complete, valid registration (NIK of a man born 1945-08-17 in Jakarta Pusat). */
export function registration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nik: '3171011708450001',
    fullName: 'Budi Santoso',
    birthPlace: 'Jakarta',
    birthDate: '1945-08-17',
    sex: 'LAKI_LAKI',
    religion: 'ISLAM',
    maritalStatus: 'KAWIN',
    occupation: 'Petani',
    educationLevel: 'SMA',
    address: { villageCode: '3171011001', rt: '004', rw: '002', street: 'Jl. Kenanga No. 12' },
    ...overrides,
  };
}
