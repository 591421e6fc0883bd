import type { ResidentStatus, Sex } from '../../population/enums';

export const RESIDENT_UPDATED_V1 = 'evt.population.resident.updated.v1' as const;

/**
 * A person's record was corrected, changed by a life event (status after a death or a move, address
 * after a move in or a family card split), or deactivated as a duplicate. `changedFields` names
 * every changed field; the projection fields carry their values after the change, so a consumer can
 * overwrite its copy.
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
  /**
   * Present when the record was deactivated as a duplicate of another person's record
   * (`changedFields` then holds `deactivated`): a consumer merges what it holds for `residentId`
   * into `duplicateOfResidentId` and stops using `residentId`.
   */
  deactivation?: { deactivatedAt: string; duplicateOfResidentId: string };
}
