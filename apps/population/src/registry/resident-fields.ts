import type { Resident } from './resident.entity';

/** A person's own data, in the order a history entry lists them: what a correction may change. */
export const PERSON_FIELDS = [
  'fullName',
  'birthPlace',
  'birthDate',
  'sex',
  'religion',
  'maritalStatus',
  'occupation',
  'educationLevel',
] as const;

/** A resident's address, in the order a history entry lists them (as `address.<field>`). */
export const ADDRESS_FIELDS = ['villageCode', 'rt', 'rw', 'hamlet', 'street'] as const;

/** What a registration says of a person, free text already cleaned (text-fields). */
export type PersonData = Pick<Resident, (typeof PERSON_FIELDS)[number]>;

/** Where a person lives: a resident's address, or a family card's (the card's other fields are not read). */
export type ResidentAddress = Pick<Resident, (typeof ADDRESS_FIELDS)[number]>;
