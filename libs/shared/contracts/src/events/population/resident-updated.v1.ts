import type { ResidentStatus, Sex } from '../../population/enums';

export const RESIDENT_UPDATED_V1 = 'evt.population.resident.updated.v1' as const;

/**
 * A person's record was corrected. `changedFields` names every corrected field; the projection
 * fields carry their values after the change, so a consumer can overwrite its copy.
 */
export interface ResidentUpdatedV1 {
  residentId: string;
  nik: string;
  changedFields: string[];
  fullName: string;
  birthDate: string;
  sex: Sex;
  villageCode: string;
  status: ResidentStatus;
  updatedAt: string;
}
