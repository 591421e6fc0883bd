export const IMMUNIZATION_GIVEN_V1 = 'evt.health.immunization.given.v1' as const;

/**
 * A dose was recorded as given. For programmes that check immunization (PKH: children under 5
 * immunized on schedule): which dose and when, no facility, batch or clinical notes.
 */
export interface ImmunizationGivenV1 {
  immunizationId: string;
  residentId: string;
  nik: string;
  vaccine: string;
  dose: number;
  givenOn: string;
  /** With this dose, every dose due before 12 months of age is given. */
  completeBasicImmunization: boolean;
  villageCode: string;
  familyCardNumber: string | null;
  recordedAt: string;
}
