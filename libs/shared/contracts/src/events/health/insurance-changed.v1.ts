export const INSURANCE_CHANGED_V1 = 'evt.health.insurance.changed.v1' as const;

/**
 * A person's JKN membership was recorded or changed. For social welfare (PBI recipients) and
 * fee waivers: class, PBI and the period; the card number stays in health.
 */
export interface InsuranceChangedV1 {
  residentId: string;
  nik: string;
  class: 1 | 2 | 3;
  pbi: boolean;
  activeFrom: string;
  activeUntil: string | null;
  villageCode: string;
  familyCardNumber: string | null;
  changedAt: string;
}
