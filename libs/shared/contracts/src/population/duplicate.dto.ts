import { PageQueryDto } from '../common/page-query.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { ResidentStatus, Sex } from './enums';

/** Why two records may be one person. */
export enum DuplicateReason {
  /** Same name (case, spacing and Unicode forms ignored) and same birth date. */
  SameNameAndBirthDate = 'SAME_NAME_AND_BIRTH_DATE',
  /** Born on the same date to the same mother (twins are the usual DISTINCT answer). */
  SameMotherAndBirthDate = 'SAME_MOTHER_AND_BIRTH_DATE',
}

export enum DuplicateReviewStatus {
  Open = 'OPEN',
  Distinct = 'DISTINCT',
  Duplicate = 'DUPLICATE',
}

export enum DuplicateResolution {
  Distinct = 'DISTINCT',
  Duplicate = 'DUPLICATE',
}

/**
 * An existing record that may be the same person as the one just registered. Answered to the
 * registrar who registers (within their jurisdiction only); the pair waits in the review queue.
 */
export class PossibleDuplicateView {
  @ApiProperty({ format: 'uuid', description: 'The duplicate review opened for this pair' })
  reviewId: string;
  @ApiProperty({ format: 'uuid' })
  residentId: string;
  @ApiProperty()
  nik: string;
  @ApiProperty()
  fullName: string;
  @ApiProperty({ format: 'date' })
  birthDate: string;
  @ApiProperty({ enum: DuplicateReason, enumName: 'DuplicateReason', isArray: true })
  reasons: DuplicateReason[];
}

export class DuplicateReviewResidentView {
  @ApiProperty({ format: 'uuid' })
  residentId: string;
  @ApiProperty()
  nik: string;
  @ApiProperty()
  fullName: string;
  @ApiProperty({ format: 'date' })
  birthDate: string;
  @ApiProperty({ enum: Sex, enumName: 'Sex' })
  sex: Sex;
  @ApiProperty({ description: 'Village code, 10 digits' })
  villageCode: string;
  @ApiProperty({ enum: ResidentStatus, enumName: 'ResidentStatus' })
  status: ResidentStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  deactivatedAt: string | null;
}

export class DuplicateReviewView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: DuplicateReviewStatus, enumName: 'DuplicateReviewStatus' })
  status: DuplicateReviewStatus;
  @ApiProperty({ enum: DuplicateReason, enumName: 'DuplicateReason', isArray: true })
  reasons: DuplicateReason[];
  @ApiProperty({
    type: DuplicateReviewResidentView,
    description: 'The record whose registration found the pair',
  })
  resident: DuplicateReviewResidentView;
  @ApiProperty({ type: DuplicateReviewResidentView, description: 'The record it was found to resemble' })
  candidate: DuplicateReviewResidentView;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  resolvedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Subject (user id) of who resolved it' })
  resolvedBy: string | null;
  @ApiProperty({ nullable: true, type: String })
  resolutionReason: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'DUPLICATE: the record kept' })
  keptResidentId: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'DUPLICATE: the record deactivated',
  })
  deactivatedResidentId: string | null;
}

export class DuplicateReviewPageView {
  @ApiProperty({ type: [DuplicateReviewView] })
  items: DuplicateReviewView[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;
}

export class ListDuplicateReviewsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DuplicateReviewStatus, enumName: 'DuplicateReviewStatus' })
  @IsOptional()
  @IsEnum(DuplicateReviewStatus)
  status?: DuplicateReviewStatus;
}

/**
 * DISTINCT: two people. DUPLICATE: one person with two records; `keepResidentId` names the record
 * that stays, the other is deactivated (it leaves its family card and no life event applies to it).
 */
export class ResolveDuplicateReviewDto {
  @ApiProperty({ enum: DuplicateResolution, enumName: 'DuplicateResolution' })
  @IsEnum(DuplicateResolution)
  resolution: DuplicateResolution;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required for DUPLICATE: the id of the record to keep (one of the pair)',
  })
  @ValidateIf(
    (o: ResolveDuplicateReviewDto) =>
      o.resolution === DuplicateResolution.Duplicate || o.keepResidentId !== undefined,
  )
  @IsUUID('all', { message: 'keepResidentId must be the id of one of the two records' })
  keepResidentId?: string;

  @ApiProperty({ description: 'Why (kept with the review)', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

/** A record found to be a second record of another person: kept for the history, out of every list. */
export class ResidentDeactivationView {
  @ApiProperty({ format: 'date-time' })
  deactivatedAt: string;
  @ApiProperty()
  reason: string;
  @ApiProperty({ format: 'uuid', description: 'The record of the same person that was kept' })
  duplicateOfResidentId: string;
}
