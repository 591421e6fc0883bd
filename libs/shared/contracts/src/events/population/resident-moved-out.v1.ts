export const RESIDENT_MOVED_OUT_V1 = 'evt.population.resident.moved-out.v1' as const;

/** One person moved out of the regency's registry (one event per person of a move). */
export interface ResidentMovedOutV1 {
  moveId: string;
  residentId: string;
  nik: string;
  fromVillageCode: string;
  /** Kemendagri code of the destination region (province, regency, district or village). */
  destinationRegionCode: string;
  movedOn: string;
  /** The card the person left, or null. */
  familyCardNumber: string | null;
  registeredAt: string;
}
