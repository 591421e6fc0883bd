import type { FamilyRelationship, Sex } from '../../population/enums';

export const RESIDENT_MOVED_IN_V1 = 'evt.population.resident.moved-in.v1' as const;

/**
 * A person moved into the regency (one event per person). It carries the projection fields, since
 * the person may be new to every consumer.
 */
export interface ResidentMovedInV1 {
  moveId: string;
  residentId: string;
  nik: string;
  fullName: string;
  birthDate: string;
  sex: Sex;
  villageCode: string;
  familyCardNumber: string;
  relationship: FamilyRelationship;
  /** Kemendagri code of the region the person came from, when known. */
  originRegionCode: string | null;
  movedOn: string;
  registeredAt: string;
}
