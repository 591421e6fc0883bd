import { IsInt, Min } from 'class-validator';
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

export const IMMUNIZATION_OVERDUE_V1 = 'evt.health.immunization.overdue.v1' as const;

/**
 * A dose of a child's schedule became overdue (not given by its due date plus the grace days).
 * Published once per dose, by the daily scan, for reminders (Posyandu cadres) and PKH checks.
 */
export class ImmunizationOverdueV1 {
  @IsEventId()
  noticeId: string;

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
  dueOn: string;

  @IsCalendarDate()
  overdueFrom: string;

  @IsVillageCode()
  villageCode: string;

  @Nullable()
  @IsFamilyCardNumber()
  familyCardNumber: string | null;

  @IsInstant()
  detectedAt: string;
}
