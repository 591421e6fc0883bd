import { IsInt, Min } from 'class-validator';
import { IsCalendarDate } from '../../health/calendar-date';
import {
  IsEventId,
  IsFamilyCardNumber,
  IsInstant,
  IsStoredNik,
  IsVillageCode,
  Nullable,
} from '../payload-validators';

export const ANC_VISIT_RECORDED_V1 = 'evt.health.anc-visit.recorded.v1' as const;

/**
 * An antenatal care visit was recorded. For PKH's pregnant-women condition (at least 4 visits):
 * the visit's date and number, no clinical findings.
 */
export class AncVisitRecordedV1 {
  @IsEventId()
  visitId: string;

  @IsEventId()
  pregnancyId: string;

  /** The mother. */
  @IsEventId()
  residentId: string;

  @IsStoredNik()
  nik: string;

  @IsCalendarDate()
  visitedOn: string;

  /** Visits of this pregnancy so far, this one included. */
  @IsInt()
  @Min(1)
  visitCount: number;

  @IsVillageCode()
  villageCode: string;

  @Nullable()
  @IsFamilyCardNumber()
  familyCardNumber: string | null;

  @IsInstant()
  recordedAt: string;
}
