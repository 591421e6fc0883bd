import { IsBoolean, IsInt, Min } from 'class-validator';
import { IsCalendarDate } from '../../health/calendar-date';
import {
  IsEventId,
  IsFamilyCardNumber,
  IsInstant,
  IsStoredNik,
  IsVaccineCode,
  IsVillageCode,
  Nullable,
} from '../payload-validators';

export const IMMUNIZATION_GIVEN_V1 = 'evt.health.immunization.given.v1' as const;

/**
 * A dose was recorded as given. For programmes that check immunization (PKH: children under 5
 * immunized on schedule): which dose and when, no facility, batch or clinical notes.
 */
export class ImmunizationGivenV1 {
  @IsEventId()
  immunizationId: string;

  @IsEventId()
  residentId: string;

  @IsStoredNik()
  nik: string;

  @IsVaccineCode()
  vaccine: string;

  @IsInt()
  @Min(1)
  dose: number;

  @IsCalendarDate()
  givenOn: string;

  /** With this dose, every dose due before 12 months of age is given. */
  @IsBoolean()
  completeBasicImmunization: boolean;

  @IsVillageCode()
  villageCode: string;

  @Nullable()
  @IsFamilyCardNumber()
  familyCardNumber: string | null;

  @IsInstant()
  recordedAt: string;
}
