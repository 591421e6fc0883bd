import { IsBoolean, IsIn } from 'class-validator';
import { IsCalendarDate } from '../../health/calendar-date';
import { InsuranceClass } from '../../health/enums';
import {
  IsEventId,
  IsFamilyCardNumber,
  IsInstant,
  IsStoredNik,
  IsVillageCode,
  Nullable,
} from '../payload-validators';

export const INSURANCE_CHANGED_V1 = 'evt.health.insurance.changed.v1' as const;

/** The care classes as numbers. Not @IsEnum: a numeric enum's names ('First') would pass it too. */
const CLASSES = [InsuranceClass.First, InsuranceClass.Second, InsuranceClass.Third];

/**
 * A person's JKN membership was recorded or changed. For social welfare (PBI recipients) and
 * fee waivers: class, PBI and the period; the card number stays in health.
 */
export class InsuranceChangedV1 {
  @IsEventId()
  residentId: string;

  @IsStoredNik()
  nik: string;

  @IsIn(CLASSES, { message: ({ property }) => `${property} must be 1, 2 or 3` })
  class: 1 | 2 | 3;

  @IsBoolean()
  pbi: boolean;

  @IsCalendarDate()
  activeFrom: string;

  @Nullable()
  @IsCalendarDate()
  activeUntil: string | null;

  @IsVillageCode()
  villageCode: string;

  @Nullable()
  @IsFamilyCardNumber()
  familyCardNumber: string | null;

  @IsInstant()
  changedAt: string;
}
