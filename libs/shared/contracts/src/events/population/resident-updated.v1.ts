// class-transformer's @Type reads the design-time types when the class is declared.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsEnum, IsNotEmpty, IsObject, IsString, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../health/calendar-date';
import { ResidentStatus, Sex } from '../../population/enums';
import { IsEventId, IsInstant, IsStoredNik, IsVillageCode, Optional } from '../payload-validators';

export const RESIDENT_UPDATED_V1 = 'evt.population.resident.updated.v1' as const;

/** How a record deactivated as a duplicate of another person's record is to be merged. */
export class ResidentUpdatedV1Deactivation {
  @IsInstant()
  deactivatedAt: string;

  @IsEventId()
  duplicateOfResidentId: string;
}

/**
 * A person's record was corrected, changed by a life event (status after a death or a move, address
 * after a move in or a family card split), or deactivated as a duplicate. `changedFields` names
 * every changed field; the projection fields carry their values after the change, so a consumer can
 * overwrite its copy.
 */
export class ResidentUpdatedV1 {
  @IsEventId()
  residentId: string;

  @IsStoredNik()
  nik: string;

  @IsArray()
  @IsString({ each: true })
  changedFields: string[];

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

  @IsInstant()
  updatedAt: string;

  /**
   * Present when the record was deactivated as a duplicate of another person's record
   * (`changedFields` then holds `deactivated`): a consumer merges what it holds for `residentId`
   * into `duplicateOfResidentId` and stops using `residentId`.
   */
  @Optional()
  @IsObject({ message: 'deactivation must be an object' })
  @ValidateNested()
  @Type(() => ResidentUpdatedV1Deactivation)
  deactivation?: ResidentUpdatedV1Deactivation;
}
