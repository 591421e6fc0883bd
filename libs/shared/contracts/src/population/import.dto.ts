import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** QUEUED while the file's rows are uploaded, RUNNING while they are registered, then DONE (or FAILED). */
export enum ImportStatus {
  Queued = 'QUEUED',
  Running = 'RUNNING',
  Done = 'DONE',
  Failed = 'FAILED',
}

/** What became of one row of the file. */
export enum ImportRowOutcome {
  /** Registered: a new resident, on the family card the row names. */
  Accepted = 'ACCEPTED',
  /** The person is already registered with exactly these data and family card: nothing to do. */
  Unchanged = 'UNCHANGED',
  Rejected = 'REJECTED',
}

/** Why a row was rejected; the report names the column at fault beside it (docs/imports.md). */
export enum ImportRejectReason {
  /** The record has another number of fields than the header. */
  ColumnCount = 'COLUMN_COUNT',
  MissingValue = 'MISSING_VALUE',
  InvalidFormat = 'INVALID_FORMAT',
  /** Not one of the SIAK spellings of the column's vocabulary (sex, religion, ...). */
  UnknownValue = 'UNKNOWN_VALUE',
  /** Not a real date, or a birth date after today. */
  InvalidDate = 'INVALID_DATE',
  InvalidNik = 'INVALID_NIK',
  /** Another row of the same file, earlier, has this NIK. */
  DuplicateNikInFile = 'DUPLICATE_NIK_IN_FILE',
  /** A resident with this NIK exists, with other data or on another card (corrections are not imports). */
  NikAlreadyRegistered = 'NIK_ALREADY_REGISTERED',
  UnknownVillage = 'UNKNOWN_VILLAGE',
  OutsideJurisdiction = 'OUTSIDE_JURISDICTION',
  /** The KK number belongs to a card in the registry that this file does not describe (another head). */
  FamilyCardNumberTaken = 'FAMILY_CARD_NUMBER_TAKEN',
  /** No row of the file heads this KK, or its head row was rejected. */
  FamilyHeadMissing = 'FAMILY_HEAD_MISSING',
  /** An earlier row already heads this KK. */
  DuplicateFamilyHead = 'DUPLICATE_FAMILY_HEAD',
}

/** A defect the gateway finds while reading the file, before any value is looked at. */
export enum ImportRowDefect {
  ColumnCount = 'COLUMN_COUNT',
}

export class CreateImportDto {
  @ApiProperty({ description: 'SHA-256 of the file as uploaded, lower-case hex' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hex digits' })
  sha256: string;

  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @Matches(/^[^\u0000-\u001f\u007f]*$/, { message: 'filename must not contain control characters' })
  filename?: string;

  @ApiProperty({
    description: 'Header text of each layout column the file has (ImportColumn -> header as written)',
  })
  @IsObject()
  columns: Record<string, string>;
}

export class ImportRowDto {
  @ApiProperty({ description: 'Line of the file where the record ends (the header is line 1)' })
  @IsInt()
  @Min(2)
  row: number;

  @ApiProperty({ type: [String], description: 'Values in IMPORT_COLUMNS order' })
  @IsArray()
  @ArrayMaxSize(40)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  values: string[];

  @ApiPropertyOptional({ enum: ImportRowDefect, enumName: 'ImportRowDefect' })
  @IsOptional()
  @IsEnum(ImportRowDefect)
  defect?: ImportRowDefect;
}

export class AppendImportRowsDto {
  @IsUUID()
  uploadToken: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => ImportRowDto)
  rows: ImportRowDto[];
}

export class StartImportDto {
  @IsUUID()
  uploadToken: string;

  /** Rows the file has: the job starts only when exactly these arrived. */
  @IsInt()
  @Min(1)
  rowCount: number;
}

export class ImportRowsQueryDto {
  @ApiPropertyOptional({ enum: ImportRowOutcome, enumName: 'ImportRowOutcome' })
  @IsOptional()
  @IsEnum(ImportRowOutcome)
  outcome?: ImportRowOutcome;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ImportJobView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: ImportStatus, enumName: 'ImportStatus' })
  status: ImportStatus;
  @ApiProperty({ nullable: true, type: String })
  filename: string | null;
  @ApiProperty()
  sha256: string;
  @ApiProperty({ description: 'Rows in the file (known once the upload is complete)' })
  total: number;
  @ApiProperty()
  processed: number;
  @ApiProperty()
  accepted: number;
  @ApiProperty()
  unchanged: number;
  @ApiProperty()
  rejected: number;
  @ApiProperty({ description: 'Who uploaded the file' })
  createdBy: string;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  finishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why a FAILED job stopped' })
  failure: string | null;
}

/** `uploadToken` is set when the caller must now send the rows; null for a file already imported. */
export class ImportCreatedView {
  @ApiProperty({ type: ImportJobView })
  job: ImportJobView;
  @ApiProperty({ nullable: true, type: String })
  uploadToken: string | null;
}

export class ImportRowView {
  @ApiProperty({ description: 'Line of the file (the header is line 1)' })
  row: number;
  @ApiProperty({ enum: ImportRowOutcome, enumName: 'ImportRowOutcome' })
  outcome: ImportRowOutcome;
  @ApiProperty({ nullable: true, type: String, description: 'The NIK, when the row has a well-formed one' })
  nik: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  residentId: string | null;
  @ApiProperty({ nullable: true, type: String })
  familyCardNumber: string | null;
  @ApiProperty({ enum: ImportRejectReason, enumName: 'ImportRejectReason', nullable: true })
  reason: ImportRejectReason | null;
  @ApiProperty({ nullable: true, type: String, description: 'The column at fault, as the file names it' })
  column: string | null;
  @ApiProperty({ nullable: true, type: String })
  message: string | null;
}

export class ImportRowPageView {
  @ApiProperty({ type: [ImportRowView] })
  items: ImportRowView[];
  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
