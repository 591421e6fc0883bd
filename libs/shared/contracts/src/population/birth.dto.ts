import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDateString,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PossibleDuplicateView } from './duplicate.dto';
import { FamilyRelationship, Religion, Sex } from './enums';
import { IsNik } from './nik';
import { IsRegionCode } from './region-code';
import { ResidentView } from './resident.dto';

/** Sane bounds of a live birth's measures: outside them the figure is a typo (grams for kilograms). */
export const BIRTH_WEIGHT_GRAMS = { min: 300, max: 7000 } as const;
export const BIRTH_LENGTH_CM = { min: 20, max: 65 } as const;

/**
 * A birth to register. The registry issues the child's NIK (the office's district code, the birth
 * date with +40 for a girl, the next free serial), adds the child to the family card and numbers
 * the birth certificate.
 */
export class RegisterBirthDto {
  @ApiProperty({ description: "Mother's NIK: a registered woman in your jurisdiction" })
  @IsNik()
  motherNik: string;

  @ApiPropertyOptional({ description: "Father's NIK, when known: a registered man" })
  @IsOptional()
  @IsNik()
  fatherNik?: string;

  @ApiProperty({ example: 'Putri Lestari', maxLength: 150 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(150)
  fullName: string;

  @ApiProperty({ enum: Sex, enumName: 'Sex' })
  @IsEnum(Sex)
  sex: Sex;

  @ApiProperty({ format: 'date', example: '2026-11-28', description: 'Not in the future' })
  @IsDateString({ strict: true }, { message: 'birthDate must be a date YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date YYYY-MM-DD' })
  birthDate: string;

  @ApiProperty({ example: '06:45', description: 'Local time of birth, HH:mm (24 hours)' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'birthTime must be a time HH:mm' })
  birthTime: string;

  @ApiProperty({ example: 'RSUD Pasar Minggu', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  birthPlace: string;

  @ApiProperty({ minimum: BIRTH_WEIGHT_GRAMS.min, maximum: BIRTH_WEIGHT_GRAMS.max, example: 3200 })
  @IsInt()
  @Min(BIRTH_WEIGHT_GRAMS.min)
  @Max(BIRTH_WEIGHT_GRAMS.max)
  weightGrams: number;

  @ApiProperty({
    minimum: BIRTH_LENGTH_CM.min,
    maximum: BIRTH_LENGTH_CM.max,
    example: 49.5,
    description: 'Length in cm, one decimal at most',
  })
  @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false })
  @Min(BIRTH_LENGTH_CM.min)
  @Max(BIRTH_LENGTH_CM.max)
  lengthCm: number;

  @ApiPropertyOptional({ enum: Religion, enumName: 'Religion', description: "Default: the mother's" })
  @IsOptional()
  @IsEnum(Religion)
  religion?: Religion;

  @ApiProperty({
    description: 'The family card the child joins: the mother or the father is a member of it',
    example: '3174043011260001',
  })
  @Matches(/^\d{16}$/, { message: 'familyCardNumber must be 16 digits' })
  familyCardNumber: string;

  @ApiProperty({
    description:
      "The registering office's district (kecamatan) code, 6 digits: the first six digits of the NIK",
    example: '317404',
  })
  @IsRegionCode({ lengths: [6] })
  districtCode: string;
}

export class BirthView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({
    description: 'Birth certificate number: district code, LU, registration date DDMMYYYY, serial of the day',
    example: '317404-LU-30112026-0001',
  })
  certificateNumber: string;
  @ApiProperty({ type: ResidentView, description: 'The child as registered, with the issued NIK' })
  child: ResidentView;
  @ApiProperty({ example: '06:45' })
  birthTime: string;
  @ApiProperty()
  weightGrams: number;
  @ApiProperty()
  lengthCm: number;
  @ApiProperty()
  motherNik: string;
  @ApiProperty({ nullable: true, type: String })
  fatherNik: string | null;
  @ApiProperty()
  familyCardNumber: string;
  @ApiProperty({
    enum: FamilyRelationship,
    enumName: 'FamilyRelationship',
    description: "ANAK when a parent is the head or the head's spouse, CUCU when a parent is their child",
  })
  relationship: FamilyRelationship;
  @ApiProperty()
  districtCode: string;
  @ApiProperty({ format: 'date-time' })
  registeredAt: string;
  @ApiProperty({ type: [PossibleDuplicateView] })
  possibleDuplicates: PossibleDuplicateView[];
}
