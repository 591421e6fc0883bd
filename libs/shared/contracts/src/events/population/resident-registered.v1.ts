import { IsEnum, IsNotEmpty, IsString } from 'class-validator';
import { IsCalendarDate } from '../../health/calendar-date';
import { ResidentStatus, Sex } from '../../population/enums';
import {
  IsEventId,
  IsFamilyCardNumber,
  IsInstant,
  IsStoredNik,
  IsVillageCode,
  Nullable,
} from '../payload-validators';

export const RESIDENT_REGISTERED_V1 = 'evt.population.resident.registered.v1' as const;

/** A person entered the registry. Carries what another agency needs for its projection of persons. */
export class ResidentRegisteredV1 {
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

  @IsEnum(ResidentStatus)
  status: ResidentStatus;

  @Nullable()
  @IsFamilyCardNumber()
  familyCardNumber: string | null;

  @IsInstant()
  registeredAt: string;
}
