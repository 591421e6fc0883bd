import { PageQueryDto } from '../common/page-query.dto';
import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsEnum,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  EducationLevel,
  FamilyRelationship,
  MaritalStatus,
  NikWarningCode,
  Religion,
  ResidentStatus,
  ReviewFlagCode,
  Sex,
} from './enums';
import { PossibleDuplicateView, ResidentDeactivationView } from './duplicate.dto';
import { IsNik } from './nik';

export class AddressDto {
  @ApiProperty({ description: 'Kemendagri village code, 10 digits undotted', example: '3174041003' })
  @Matches(/^\d{10}$/, { message: 'villageCode must be 10 digits' })
  villageCode: string;

  @ApiProperty({ description: 'Rukun tetangga, 3 digits', example: '004' })
  @Matches(/^\d{3}$/, { message: 'rt must be 3 digits' })
  rt: string;

  @ApiProperty({ description: 'Rukun warga, 3 digits', example: '002' })
  @Matches(/^\d{3}$/, { message: 'rw must be 3 digits' })
  rw: string;

  @ApiPropertyOptional({ description: 'Dusun (hamlet) name', example: 'Dusun Melati', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  hamlet?: string;

  @ApiProperty({ example: 'Jl. Kenanga No. 12', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  street: string;
}

export class RegisterResidentDto {
  @ApiProperty({ description: 'NIK, 16 digits; spaces and dots are stripped', example: '3174041708850001' })
  @IsNik()
  nik: string;

  @ApiProperty({ example: 'Budi Santoso', maxLength: 150 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(150)
  fullName: string;

  @ApiProperty({ example: 'Jakarta', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  birthPlace: string;

  @ApiProperty({ format: 'date', example: '1985-08-17' })
  @IsDateString({ strict: true }, { message: 'birthDate must be a date YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date YYYY-MM-DD' })
  birthDate: string;

  @ApiProperty({ enum: Sex, enumName: 'Sex' })
  @IsEnum(Sex)
  sex: Sex;

  @ApiProperty({ enum: Religion, enumName: 'Religion' })
  @IsEnum(Religion)
  religion: Religion;

  @ApiProperty({ enum: MaritalStatus, enumName: 'MaritalStatus' })
  @IsEnum(MaritalStatus)
  maritalStatus: MaritalStatus;

  @ApiProperty({ example: 'Petani', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  occupation: string;

  @ApiProperty({ enum: EducationLevel, enumName: 'EducationLevel' })
  @IsEnum(EducationLevel)
  educationLevel: EducationLevel;

  @ApiProperty({ type: AddressDto })
  @IsObject({ message: 'address must be an object' })
  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;
}

/** A correction: any subset of the correctable fields, and why. The NIK itself is not correctable. */
export class UpdateResidentDto extends PartialType(
  PickType(RegisterResidentDto, [
    'fullName',
    'birthPlace',
    'birthDate',
    'sex',
    'religion',
    'maritalStatus',
    'occupation',
    'educationLevel',
    'address',
  ] as const),
) {
  @ApiProperty({
    description: 'Why the record is corrected (kept in the history)',
    example: 'Typo in name per KTP',
    maxLength: 500,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ListResidentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Village code (10 digits)' })
  @IsOptional()
  @Matches(/^\d{10}$/, { message: 'villageCode must be 10 digits' })
  villageCode?: string;

  @ApiPropertyOptional({ enum: ResidentStatus, enumName: 'ResidentStatus' })
  @IsOptional()
  @IsEnum(ResidentStatus)
  status?: ResidentStatus;
}

/**
 * Name search travels in a body, not a query string: a person's name must not land in URLs,
 * proxies' access logs or browser history.
 */
export class SearchResidentsDto extends ListResidentsQueryDto {
  @ApiPropertyOptional({
    description: 'Part of the name, case and spacing ignored',
    minLength: 2,
    maxLength: 150,
  })
  @IsOptional()
  @IsString()
  @Matches(/\S.*\S|\S{2}/, { message: 'name must have at least 2 characters' })
  @MaxLength(150)
  name?: string;
}

export class ReviewFlagView {
  @ApiProperty({ enum: ReviewFlagCode, enumName: 'ReviewFlagCode' })
  code: ReviewFlagCode;
  @ApiProperty()
  message: string;
}

export class ResidentFamilyCardView {
  @ApiProperty({ example: '3174041708200001' })
  number: string;
  @ApiProperty({ enum: FamilyRelationship, enumName: 'FamilyRelationship' })
  relationship: FamilyRelationship;
}

export class ResidentView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  nik: string;
  @ApiProperty()
  fullName: string;
  @ApiProperty()
  birthPlace: string;
  @ApiProperty({ format: 'date' })
  birthDate: string;
  @ApiProperty({ enum: Sex, enumName: 'Sex' })
  sex: Sex;
  @ApiProperty({ enum: Religion, enumName: 'Religion' })
  religion: Religion;
  @ApiProperty({ enum: MaritalStatus, enumName: 'MaritalStatus' })
  maritalStatus: MaritalStatus;
  @ApiProperty()
  occupation: string;
  @ApiProperty({ enum: EducationLevel, enumName: 'EducationLevel' })
  educationLevel: EducationLevel;
  @ApiProperty({ type: AddressDto })
  address: AddressDto;
  @ApiProperty({ enum: ResidentStatus, enumName: 'ResidentStatus' })
  status: ResidentStatus;
  @ApiProperty({ type: ResidentFamilyCardView, nullable: true })
  familyCard: ResidentFamilyCardView | null;
  @ApiProperty({ type: [ReviewFlagView] })
  reviewFlags: ReviewFlagView[];
  @ApiProperty({
    type: ResidentDeactivationView,
    nullable: true,
    description: 'Set when a duplicate review found this record to be a second record of another person',
  })
  deactivation: ResidentDeactivationView | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class RegisteredResidentView extends ResidentView {
  @ApiProperty({
    enum: NikWarningCode,
    enumName: 'NikWarningCode',
    isArray: true,
    description: 'Non-blocking remarks on the NIK',
  })
  warnings: NikWarningCode[];
  @ApiProperty({
    type: [PossibleDuplicateView],
    description:
      'Records in your jurisdiction that may be the same person; each pair waits in the duplicate review queue. ' +
      'The registration itself is never refused for them.',
  })
  possibleDuplicates: PossibleDuplicateView[];
}

export class ResidentPageView {
  @ApiProperty({ type: [ResidentView] })
  items: ResidentView[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;
}

export class FieldChangeView {
  @ApiProperty({ example: 'fullName' })
  field: string;
  @ApiProperty({ nullable: true, description: 'Previous value (JSON)' })
  from: unknown;
  @ApiProperty({ nullable: true, description: 'New value (JSON)' })
  to: unknown;
}

/**
 * What an entry of a resident's history records: the registration, a correction, or a life event
 * (BORN: registered by a birth; DIED; MOVED_OUT; MOVED_IN: a returning resident; RELOCATED: address
 * of a family card split; DEACTIVATED: a duplicate record). Values are only ever added.
 */
export const RESIDENT_CHANGE_KINDS = [
  'REGISTERED',
  'CORRECTED',
  'BORN',
  'DIED',
  'MOVED_OUT',
  'MOVED_IN',
  'RELOCATED',
  'DEACTIVATED',
] as const;
export type ResidentChangeKind = (typeof RESIDENT_CHANGE_KINDS)[number];

export class ResidentChangeView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'date-time' })
  changedAt: string;
  @ApiProperty({ description: 'Subject (user id) of who made the change' })
  changedBy: string;
  @ApiProperty({ enum: RESIDENT_CHANGE_KINDS, enumName: 'ResidentChangeKind' })
  kind: ResidentChangeKind;
  @ApiProperty({ nullable: true, type: String })
  reason: string | null;
  @ApiProperty({ type: [FieldChangeView] })
  changes: FieldChangeView[];
}

export class ResidentHistoryView {
  @ApiProperty({ type: [ResidentChangeView] })
  items: ResidentChangeView[];
}
