import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsNik } from '../population/nik';
import { IsCalendarDate } from './calendar-date';
import { CheckupKind } from './enums';

const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

/**
 * ICD-10 code format (WHO): a chapter letter, two digits, then optionally a dot and one or two
 * characters (A09, J06.9, U07.1, S72.00). Format only: whether the code exists is not checked.
 */
export const ICD10_PATTERN = /^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$/;

export class RecordCheckupDto {
  @ApiProperty({ description: 'NIK of the person checked' })
  @IsNik()
  nik: string;

  @ApiProperty({ format: 'date', description: 'Not in the future' })
  @IsCalendarDate()
  checkedOn: string;

  @ApiProperty({ example: 'Puskesmas Duren Sawit', maxLength: 150 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(150)
  @Matches(PRINTABLE, { message: 'facility must not contain control characters' })
  facility: string;

  @ApiProperty({ enum: CheckupKind, enumName: 'CheckupKind' })
  @IsEnum(CheckupKind)
  kind: CheckupKind;

  @ApiPropertyOptional({ description: 'ICD-10 code of the finding (format checked)', example: 'J06.9' })
  @IsOptional()
  @Matches(ICD10_PATTERN, { message: 'icd10Code must be an ICD-10 code such as J06.9' })
  icd10Code?: string;
}

export class CheckupView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  nik: string;
  @ApiProperty({ format: 'date' })
  checkedOn: string;
  @ApiProperty()
  facility: string;
  @ApiProperty({ enum: CheckupKind, enumName: 'CheckupKind' })
  kind: CheckupKind;
  @ApiProperty({ nullable: true, type: String })
  icd10Code: string | null;
  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

export class CheckupListView {
  @ApiProperty({ type: [CheckupView], description: 'Newest first' })
  items: CheckupView[];
}
