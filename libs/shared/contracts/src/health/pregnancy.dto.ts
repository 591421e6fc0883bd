import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsNik } from '../population/nik';
import { IsCalendarDate } from './calendar-date';
import { DeliveryOutcome, PregnancyStatus } from './enums';

const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

export class RegisterPregnancyDto {
  @ApiProperty({
    description: 'NIK of the mother (a living woman known to health)',
    example: '3174044506900002',
  })
  @IsNik()
  motherNik: string;

  @ApiProperty({
    format: 'date',
    description: 'Expected delivery date (HPL): from today up to 44 weeks ahead',
  })
  @IsCalendarDate()
  expectedDeliveryDate: string;
}

/** An antenatal care visit (kunjungan ANC / K1-K6). */
export class RecordAncVisitDto {
  @ApiProperty({
    format: 'date',
    description: 'Not in the future, not before the pregnancy was registered minus 44 weeks',
  })
  @IsCalendarDate()
  visitedOn: string;

  @ApiProperty({ example: 'Puskesmas Duren Sawit', maxLength: 150 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(150)
  @Matches(PRINTABLE, { message: 'facility must not contain control characters' })
  facility: string;

  @ApiPropertyOptional({ description: 'Gestational age at the visit, in weeks', minimum: 1, maximum: 45 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(45)
  gestationalWeeks?: number;
}

export class RecordDeliveryDto {
  @ApiProperty({ format: 'date', description: 'Not in the future' })
  @IsCalendarDate()
  deliveredOn: string;

  @ApiProperty({ example: 'Puskesmas Duren Sawit', maxLength: 150 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(150)
  @Matches(PRINTABLE, { message: 'facility must not contain control characters' })
  facility: string;

  @ApiProperty({ enum: DeliveryOutcome, enumName: 'DeliveryOutcome' })
  @IsEnum(DeliveryOutcome)
  outcome: DeliveryOutcome;
}

export class AncVisitView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ description: 'K1, K2, ...: the visit number within this pregnancy, by date' })
  number: number;
  @ApiProperty({ format: 'date' })
  visitedOn: string;
  @ApiProperty()
  facility: string;
  @ApiProperty({ nullable: true, type: Number })
  gestationalWeeks: number | null;
}

export class DeliveryView {
  @ApiProperty({ format: 'date' })
  deliveredOn: string;
  @ApiProperty()
  facility: string;
  @ApiProperty({ enum: DeliveryOutcome, enumName: 'DeliveryOutcome' })
  outcome: DeliveryOutcome;
}

export class PregnancyView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  motherNik: string;
  @ApiProperty({ enum: PregnancyStatus, enumName: 'PregnancyStatus' })
  status: PregnancyStatus;
  @ApiProperty({ format: 'date' })
  expectedDeliveryDate: string;
  @ApiProperty({ format: 'date-time' })
  registeredAt: string;
  @ApiProperty({ type: [AncVisitView], description: 'Oldest first' })
  visits: AncVisitView[];
  @ApiProperty({ type: DeliveryView, nullable: true })
  delivery: DeliveryView | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'CLOSED: the day it was closed' })
  closedOn: string | null;
}

export class PregnancyListView {
  @ApiProperty({ type: [PregnancyView], description: 'Newest first' })
  items: PregnancyView[];
}

/** Optional detail fields are only in a DETAIL summary. */
export class PregnancySummaryView {
  @ApiProperty({ description: 'An active (registered, not delivered) pregnancy' })
  active: boolean;
  @ApiProperty({ description: 'ANC visits of the active pregnancy (0 without one)' })
  ancVisits: number;
  @ApiPropertyOptional({
    format: 'date',
    description: 'DETAIL: expected delivery date of the active pregnancy',
  })
  expectedDeliveryDate?: string;
  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    description: 'DETAIL: last ANC visit',
  })
  lastVisitOn?: string | null;
}
