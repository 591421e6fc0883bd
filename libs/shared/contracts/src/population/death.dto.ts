import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsNik } from './nik';

/** Sebab kematian, the cause categories of the SIAK death register. */
export enum DeathCauseCategory {
  /** Sakit biasa / tua */
  Illness = 'SAKIT_BIASA',
  /** Wabah penyakit */
  Epidemic = 'WABAH_PENYAKIT',
  Accident = 'KECELAKAAN',
  /** Kriminalitas */
  Crime = 'KRIMINALITAS',
  Suicide = 'BUNUH_DIRI',
  Other = 'LAINNYA',
}

/** The reporter's relationship to the deceased. */
export enum ReporterRelationship {
  Spouse = 'PASANGAN',
  Child = 'ANAK',
  Parent = 'ORANG_TUA',
  Sibling = 'SAUDARA',
  OtherRelative = 'FAMILI_LAIN',
  Neighbour = 'TETANGGA',
  Official = 'PETUGAS',
  Other = 'LAINNYA',
}

/** Who reported the death: a name, a NIK, or both. */
export class DeathReporterDto {
  @ApiPropertyOptional({ maxLength: 150, description: 'Required when no NIK is given' })
  @ValidateIf((o: DeathReporterDto) => o.nik === undefined || o.name !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'reporter name is required when no NIK is given' })
  @MaxLength(150)
  name?: string;

  @ApiPropertyOptional({ description: "The reporter's NIK, when they have one" })
  @IsOptional()
  @IsNik()
  nik?: string;

  @ApiProperty({ enum: ReporterRelationship, enumName: 'ReporterRelationship' })
  @IsEnum(ReporterRelationship)
  relationship: ReporterRelationship;
}

export class RegisterDeathDto {
  @ApiProperty({ description: 'NIK of the deceased: a registered resident in your jurisdiction' })
  @IsNik()
  nik: string;

  @ApiProperty({
    format: 'date',
    example: '2026-11-28',
    description: 'Not in the future, not before the birth',
  })
  @IsDateString({ strict: true }, { message: 'dateOfDeath must be a date YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfDeath must be a date YYYY-MM-DD' })
  dateOfDeath: string;

  @ApiProperty({ example: 'RSUD Pasar Minggu', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  placeOfDeath: string;

  @ApiProperty({ enum: DeathCauseCategory, enumName: 'DeathCauseCategory' })
  @IsEnum(DeathCauseCategory)
  causeCategory: DeathCauseCategory;

  @ApiProperty({ type: DeathReporterDto })
  @IsObject({ message: 'reporter must be an object' })
  @ValidateNested()
  @Type(() => DeathReporterDto)
  reporter: DeathReporterDto;
}

export class DeathReporterView {
  @ApiProperty({ nullable: true, type: String })
  name: string | null;
  @ApiProperty({ nullable: true, type: String })
  nik: string | null;
  @ApiProperty({ enum: ReporterRelationship, enumName: 'ReporterRelationship' })
  relationship: ReporterRelationship;
}

export class DeathView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({
    description: 'Death certificate number: district code, KM, registration date DDMMYYYY, serial of the day',
    example: '317404-KM-30112026-0001',
  })
  certificateNumber: string;
  @ApiProperty({ format: 'uuid' })
  residentId: string;
  @ApiProperty()
  nik: string;
  @ApiProperty()
  fullName: string;
  @ApiProperty({ format: 'date' })
  dateOfDeath: string;
  @ApiProperty()
  placeOfDeath: string;
  @ApiProperty({ enum: DeathCauseCategory, enumName: 'DeathCauseCategory' })
  causeCategory: DeathCauseCategory;
  @ApiProperty({ type: DeathReporterView })
  reporter: DeathReporterView;
  @ApiProperty({ nullable: true, type: String, description: 'The family card the person left' })
  familyCardNumber: string | null;
  @ApiProperty({ description: 'The person was the head and the card has members left: it needs a new head' })
  familyNeedsNewHead: boolean;
  @ApiProperty({ format: 'date-time' })
  registeredAt: string;
}
