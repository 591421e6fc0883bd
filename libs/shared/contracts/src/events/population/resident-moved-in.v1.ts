import { IsEnum, IsNotEmpty, IsString } from 'class-validator';
import { IsCalendarDate } from '../../health/calendar-date';
import { FamilyRelationship, Sex } from '../../population/enums';
import { IsRegionCode } from '../../population/region-code';
import {
  IsEventId,
  IsFamilyCardNumber,
  IsInstant,
  IsStoredNik,
  IsVillageCode,
  Nullable,
} from '../payload-validators';

export const RESIDENT_MOVED_IN_V1 = 'evt.population.resident.moved-in.v1' as const;

/**
 * A person moved into the regency (one event per person). It carries the projection fields, since
 * the person may be new to every consumer.
 */
export class ResidentMovedInV1 {
  @IsEventId()
  moveId: string;

  @IsEventId()
  residentId: string;

  @IsStoredNik()
  nik: string;

  @IsString()
  @IsNotEmpty()
  fullName: string;

  @IsCalendarDate()
  birthDate: string;

  @IsEnum(Sex)
  sex: Sex;

  @IsVillageCode()
  villageCode: string;

  @IsFamilyCardNumber()
  familyCardNumber: string;

  @IsEnum(FamilyRelationship)
  relationship: FamilyRelationship;

  /** Kemendagri code of the region the person came from, when known. */
  @Nullable()
  @IsRegionCode()
  originRegionCode: string | null;

  @IsCalendarDate()
  movedOn: string;

  @IsInstant()
  registeredAt: string;
}
