import type { ResidentStatus, Sex } from '../../population/enums';

export const RESIDENT_REGISTERED_V1 = 'evt.population.resident.registered.v1' as const;

/** A person entered the registry. Carries what another agency needs for its projection of persons. */
export interface ResidentRegisteredV1 {
  residentId: string;
  nik: string;
  fullName: string;
  birthDate: string;
  sex: Sex;
  villageCode: string;
  status: ResidentStatus;
  familyCardNumber: string | null;
  registeredAt: string;
}
