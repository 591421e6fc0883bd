import { PageQueryDto } from '../common/page-query.dto';
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

/** The letters a village issues (surat keterangan and surat pengantar). */
export enum LetterType {
  /** Surat keterangan tidak mampu: low-income letter. */
  Sktm = 'SKTM',
  /** Surat keterangan domisili. */
  Domicile = 'DOMICILE',
  /** Surat keterangan domisili usaha. */
  BusinessDomicile = 'BUSINESS_DOMICILE',
  /** Surat pengantar. */
  CoverLetter = 'COVER_LETTER',
  /** Surat keterangan kelahiran. */
  BirthCertificate = 'BIRTH_CERTIFICATE',
  /** Surat keterangan kematian. */
  DeathCertificate = 'DEATH_CERTIFICATE',
}

export enum LetterStatus {
  Draft = 'DRAFT',
  Signed = 'SIGNED',
  Revoked = 'REVOKED',
}

/** What the public verification tells about a letter. */
export enum LetterValidity {
  Valid = 'VALID',
  Revoked = 'REVOKED',
  Expired = 'EXPIRED',
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = (field: string) => ({ message: `${field} must be a date YYYY-MM-DD` });

/** The business a BUSINESS_DOMICILE letter is about. */
export class LetterBusinessDto {
  @ApiProperty({ example: 'Warung Makan Sederhana', maxLength: 150 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(150)
  name: string;

  @ApiProperty({ description: 'Jenis usaha', example: 'Warung makan', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  kind: string;

  @ApiProperty({ example: 'Jl. Kenanga No. 14, RT 004 RW 002', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  address: string;
}

/** The death a DEATH_CERTIFICATE letter states (the holder must be recorded as deceased). */
export class LetterDeathDto {
  @ApiProperty({ format: 'date', example: '2026-11-20' })
  @IsDateString({ strict: true }, DATE_MESSAGE('death.date'))
  @Matches(DATE, DATE_MESSAGE('death.date'))
  date: string;

  @ApiProperty({ example: 'RSUD Pasar Minggu', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  place: string;
}

/**
 * A letter to draft for a registered resident. Its number, verification code and (unless given)
 * validity are decided when the village head signs it.
 */
export class DraftLetterDto {
  @ApiProperty({ description: 'NIK of the holder, a resident in your jurisdiction' })
  @IsNik()
  residentNik: string;

  @ApiProperty({ enum: LetterType, enumName: 'LetterType' })
  @IsEnum(LetterType)
  type: LetterType;

  @ApiProperty({
    description: 'Keperluan: what the letter is for',
    example: 'Keringanan biaya sekolah',
    maxLength: 500,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  purpose: string;

  @ApiPropertyOptional({ format: 'date', description: 'First valid day; default: the signing date' })
  @IsOptional()
  @IsDateString({ strict: true }, DATE_MESSAGE('validFrom'))
  @Matches(DATE, DATE_MESSAGE('validFrom'))
  validFrom?: string;

  @ApiPropertyOptional({
    format: 'date',
    description:
      'Last valid day; default: the validity of the type in force on the signing date. Birth and death ' +
      'certificates do not expire and take none.',
  })
  @IsOptional()
  @IsDateString({ strict: true }, DATE_MESSAGE('validUntil'))
  @Matches(DATE, DATE_MESSAGE('validUntil'))
  validUntil?: string;

  @ApiPropertyOptional({
    type: LetterBusinessDto,
    description: 'Required for BUSINESS_DOMICILE, refused otherwise',
  })
  @ValidateIf((o: DraftLetterDto) => o.type === LetterType.BusinessDomicile || o.business !== undefined)
  @IsObject({ message: 'business must be an object' })
  @ValidateNested()
  @Type(() => LetterBusinessDto)
  business?: LetterBusinessDto;

  @ApiPropertyOptional({
    type: LetterDeathDto,
    description: 'Required for DEATH_CERTIFICATE, refused otherwise',
  })
  @ValidateIf((o: DraftLetterDto) => o.type === LetterType.DeathCertificate || o.death !== undefined)
  @IsObject({ message: 'death must be an object' })
  @ValidateNested()
  @Type(() => LetterDeathDto)
  death?: LetterDeathDto;
}

export class SignLetterDto {
  @ApiProperty({
    description: 'Name printed under the signature (the signer is recorded by their user id)',
    example: 'H. Ahmad Fauzi, S.Sos.',
    maxLength: 150,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(150)
  signerName: string;
}

export class RevokeLetterDto {
  @ApiProperty({
    description: 'Why the letter is revoked',
    example: 'Data penghasilan tidak benar',
    maxLength: 500,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ListLettersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Village code (10 digits)' })
  @IsOptional()
  @Matches(/^\d{10}$/, { message: 'villageCode must be 10 digits' })
  villageCode?: string;

  @ApiPropertyOptional({ enum: LetterStatus, enumName: 'LetterStatus' })
  @IsOptional()
  @IsEnum(LetterStatus)
  status?: LetterStatus;

  @ApiPropertyOptional({ enum: LetterType, enumName: 'LetterType' })
  @IsOptional()
  @IsEnum(LetterType)
  type?: LetterType;
}

/** The listing plus the holder's NIK, which travels in a body: a NIK never goes into a URL's query. */
export class SearchLettersDto extends ListLettersQueryDto {
  @ApiPropertyOptional({ description: "The holder's NIK" })
  @IsOptional()
  @IsNik()
  residentNik?: string;
}

export class LetterHolderView {
  @ApiProperty({ format: 'uuid' })
  residentId: string;
  @ApiProperty()
  nik: string;
  @ApiProperty()
  fullName: string;
}

export class LetterView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: LetterType, enumName: 'LetterType' })
  type: LetterType;
  @ApiProperty({ enum: LetterStatus, enumName: 'LetterStatus' })
  status: LetterStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'classification/sequence/type/village/year, e.g. 470/0012/SKTM/3174091005/2026; null for a draft',
  })
  number: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The code of the public verification URL (printed as a QR code); null for a draft',
  })
  verificationCode: string | null;
  @ApiProperty({ type: LetterHolderView })
  holder: LetterHolderView;
  @ApiProperty({ description: 'The village that issues the letter (the holder’s when drafted)' })
  villageCode: string;
  @ApiProperty()
  purpose: string;
  @ApiPropertyOptional({ type: LetterBusinessDto })
  business?: LetterBusinessDto;
  @ApiPropertyOptional({ type: LetterDeathDto })
  death?: LetterDeathDto;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  validFrom: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Null: does not expire (or not decided yet)',
  })
  validUntil: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  issuedOn: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'User id of the signer' })
  signedBy: string | null;
  @ApiProperty({ type: String, nullable: true })
  signerName: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  signedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  revokedBy: string | null;
  @ApiProperty({ type: String, nullable: true })
  revocationReason: string | null;
  @ApiProperty({ description: 'User id of who drafted it' })
  draftedBy: string;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class LetterPageView {
  @ApiProperty({ type: [LetterView] })
  items: LetterView[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;
}

/** A rendered letter as it crosses NATS (the gateway answers the bytes as application/pdf). */
export interface LetterPdfView {
  fileName: string;
  contentBase64: string;
}

/** What anyone holding a letter may learn from its verification code, and nothing more. */
export class LetterVerificationView {
  @ApiProperty({ enum: LetterValidity, enumName: 'LetterValidity' })
  status: LetterValidity;
  @ApiProperty({ enum: LetterType, enumName: 'LetterType' })
  type: LetterType;
  @ApiProperty({ example: '470/0012/SKTM/3174091005/2026' })
  number: string;
  @ApiProperty({ format: 'date' })
  issuedOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Null: does not expire' })
  validUntil: string | null;
  @ApiProperty({
    description:
      'Each word of the name cut to its first 3 letters (1 letter for words of 3 or fewer) and `*`',
    example: 'Sit* Nur*',
  })
  holderName: string;
}
