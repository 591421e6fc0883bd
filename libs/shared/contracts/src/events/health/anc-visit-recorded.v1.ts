export const ANC_VISIT_RECORDED_V1 = 'evt.health.anc-visit.recorded.v1' as const;

/**
 * An antenatal care visit was recorded. For PKH's pregnant-women condition (at least 4 visits):
 * the visit's date and number, no clinical findings.
 */
export interface AncVisitRecordedV1 {
  visitId: string;
  pregnancyId: string;
  /** The mother. */
  residentId: string;
  nik: string;
  visitedOn: string;
  /** Visits of this pregnancy so far, this one included. */
  visitCount: number;
  villageCode: string;
  familyCardNumber: string | null;
  recordedAt: string;
}
