export const IMMUNIZATION_OVERDUE_V1 = 'evt.health.immunization.overdue.v1' as const;

/**
 * A dose of a child's schedule became overdue (not given by its due date plus the grace days).
 * Published once per dose, by the daily scan, for reminders (Posyandu cadres) and PKH checks.
 */
export interface ImmunizationOverdueV1 {
  noticeId: string;
  residentId: string;
  nik: string;
  vaccine: string;
  dose: number;
  dueOn: string;
  overdueFrom: string;
  villageCode: string;
  familyCardNumber: string | null;
  detectedAt: string;
}
