import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsNik } from '../population/nik';
import { IsCalendarDate } from './calendar-date';
import { DoseStatus, ScheduleOrigin, ScheduleStatus } from './enums';

const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

/** One dose given to a child: which dose of which vaccine, when, where, and the vaccine batch. */
export class RecordImmunizationDto {
  @ApiProperty({ description: 'NIK of the child, 16 digits', example: '3174045510260001' })
  @IsNik()
  nik: string;

  @ApiProperty({
    description: 'Vaccine code as in the schedule data: HB0, BCG, OPV, DPT_HB_HIB, PCV, RV, IPV, MR, JE',
    example: 'DPT_HB_HIB',
  })
  @Matches(/^[A-Z][A-Z0-9_]{1,19}$/, { message: 'vaccine must be a vaccine code such as DPT_HB_HIB' })
  vaccine: string;

  @ApiProperty({ description: 'Dose number of this vaccine, from 1', example: 1, minimum: 1, maximum: 9 })
  @IsInt()
  @Min(1)
  @Max(9)
  dose: number;

  @ApiProperty({ format: 'date', description: 'When the dose was given (not in the future)' })
  @IsCalendarDate()
  givenOn: string;

  @ApiProperty({ description: 'Puskesmas, Posyandu or clinic', example: 'Posyandu Melati', maxLength: 150 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(150)
  @Matches(PRINTABLE, { message: 'facility must not contain control characters' })
  facility: string;

  @ApiProperty({ description: 'Vaccine batch (lot) number', example: 'B2611-042', maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @Matches(PRINTABLE, { message: 'batch must not contain control characters' })
  batch: string;
}

export class ImmunizationRecordView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  nik: string;
  @ApiProperty({ example: 'DPT_HB_HIB' })
  vaccine: string;
  @ApiProperty({ example: 1 })
  dose: number;
  @ApiProperty({ example: 'DPT-HB-Hib 1' })
  label: string;
  @ApiProperty({ format: 'date' })
  givenOn: string;
  @ApiProperty()
  facility: string;
  @ApiProperty()
  batch: string;
  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

export class GivenDoseView {
  @ApiProperty({ format: 'date' })
  givenOn: string;
  @ApiProperty()
  facility: string;
  @ApiProperty()
  batch: string;
}

/** One dose of a child's schedule with its dates (see DoseStatus for how they are computed). */
export class ScheduledDoseView {
  @ApiProperty({ example: 'BCG' })
  vaccine: string;
  @ApiProperty({ example: 1 })
  dose: number;
  @ApiProperty({ example: 'BCG' })
  label: string;
  @ApiProperty({ format: 'date', description: 'From this day the dose may be given' })
  earliestOn: string;
  @ApiProperty({ format: 'date', description: 'The recommended day' })
  dueOn: string;
  @ApiProperty({ format: 'date', description: 'Not given by this day: overdue' })
  overdueFrom: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Not given by this day: missed' })
  latestOn: string | null;
  @ApiProperty({ description: 'Due before 12 months of age: part of complete basic immunization' })
  basic: boolean;
  @ApiProperty({ enum: DoseStatus, enumName: 'DoseStatus' })
  status: DoseStatus;
  @ApiProperty({ type: GivenDoseView, nullable: true })
  given: GivenDoseView | null;
}

export class ImmunizationScheduleView {
  @ApiProperty({ description: 'Version of the schedule data the plan follows', example: 'KEMENKES-2024' })
  version: string;
  @ApiProperty({ enum: ScheduleStatus, enumName: 'ScheduleStatus' })
  status: ScheduleStatus;
  @ApiProperty({ enum: ScheduleOrigin, enumName: 'ScheduleOrigin' })
  origin: ScheduleOrigin;
  @ApiProperty({
    format: 'date',
    description: 'Dose statuses are as of this day (today, or when the schedule was closed or transferred)',
  })
  asOf: string;
  @ApiProperty({ description: 'Every dose due before 12 months of age is given (imunisasi dasar lengkap)' })
  completeBasicImmunization: boolean;
  @ApiProperty({ type: [ScheduledDoseView] })
  doses: ScheduledDoseView[];
}

export class ResidentImmunizationsView {
  @ApiProperty()
  nik: string;
  @ApiProperty({ format: 'date' })
  birthDate: string;
  @ApiProperty({
    type: ImmunizationScheduleView,
    nullable: true,
    description: 'Null for a person who was 5 or older when first known to health',
  })
  schedule: ImmunizationScheduleView | null;
  @ApiProperty({ type: [ImmunizationRecordView], description: 'Every dose recorded, oldest first' })
  records: ImmunizationRecordView[];
}

export class NextDoseView {
  @ApiProperty({ example: 'MR' })
  vaccine: string;
  @ApiProperty({ example: 1 })
  dose: number;
  @ApiProperty({ example: 'MR 1' })
  label: string;
  @ApiProperty({ format: 'date' })
  dueOn: string;
  @ApiProperty({ enum: DoseStatus, enumName: 'DoseStatus' })
  status: DoseStatus;
}

/** Optional detail fields are only in a DETAIL summary. */
export class ImmunizationSummaryView {
  @ApiProperty({ description: 'Every dose due before 12 months of age is given' })
  completeBasicImmunization: boolean;
  @ApiProperty({ description: 'No dose is overdue or missed' })
  upToDate: boolean;
  @ApiPropertyOptional({ description: 'DETAIL: overdue doses' })
  overdueDoses?: number;
  @ApiPropertyOptional({
    type: NextDoseView,
    nullable: true,
    description: 'DETAIL: the first dose not given and not missed, by due date',
  })
  nextDose?: NextDoseView | null;
}
