import { IsCalendarDate } from '../../health/calendar-date';
import { IsRegionCode } from '../../population/region-code';
import {
  IsEventId,
  IsFamilyCardNumber,
  IsInstant,
  IsStoredNik,
  IsVillageCode,
  Nullable,
} from '../payload-validators';

export const RESIDENT_MOVED_OUT_V1 = 'evt.population.resident.moved-out.v1' as const;

/** One person moved out of the regency's registry (one event per person of a move). */
export class ResidentMovedOutV1 {
  @IsEventId()
  moveId: string;

  @IsEventId()
  residentId: string;

  @IsStoredNik()
  nik: string;

  @IsVillageCode()
  fromVillageCode: string;

  /** Kemendagri code of the destination region (province, regency, district or village). */
  @IsRegionCode()
  destinationRegionCode: string;

  @IsCalendarDate()
  movedOn: string;

  /** The card the person left, or null. */
  @Nullable()
  @IsFamilyCardNumber()
  familyCardNumber: string | null;

  @IsInstant()
  registeredAt: string;
}
