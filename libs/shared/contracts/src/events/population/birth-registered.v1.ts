// class-transformer's @Type reads the design-time types when the class is declared.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsPositive,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../health/calendar-date';
import { Sex } from '../../population/enums';
import {
  IsEventId,
  IsFamilyCardNumber,
  IsInstant,
  IsStoredNik,
  IsVillageCode,
  Nullable,
} from '../payload-validators';

export const BIRTH_REGISTERED_V1 = 'evt.population.birth.registered.v1' as const;

/** The newborn of a BIRTH_REGISTERED_V1, with the NIK the registry issued. */
export class BirthRegisteredV1Child {
  @IsEventId()
  residentId: string;

  @IsStoredNik()
  nik: string;

  @IsString()
  @IsNotEmpty()
  fullName: string;

  @IsEnum(Sex)
  sex: Sex;

  @IsCalendarDate()
  birthDate: string;

  /** Local time of birth, `HH:mm`. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: ({ property }) => `${property} must be a time HH:mm` })
  birthTime: string;

  @IsString()
  @IsNotEmpty()
  birthPlace: string;

  @IsInt()
  @IsPositive()
  weightGrams: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  lengthCm: number;
}

/**
 * A birth was registered: the child has a NIK, a place on a family card and a birth certificate.
 * Health starts the child's immunization schedule from it; social welfare checks PKH components.
 * The child also gets RESIDENT_REGISTERED_V1 and the card FAMILY_CARD_CHANGED_V1 in the same
 * transaction; consumers keeping a projection of persons may rely on either.
 */
export class BirthRegisteredV1 {
  @IsEventId()
  birthId: string;

  @IsString()
  @IsNotEmpty()
  certificateNumber: string;

  @IsObject({ message: 'child must be an object' })
  @ValidateNested()
  @Type(() => BirthRegisteredV1Child)
  child: BirthRegisteredV1Child;

  @IsStoredNik()
  motherNik: string;

  @Nullable()
  @IsStoredNik()
  fatherNik: string | null;

  @IsFamilyCardNumber()
  familyCardNumber: string;

  @IsVillageCode()
  villageCode: string;

  @IsInstant()
  registeredAt: string;
}
