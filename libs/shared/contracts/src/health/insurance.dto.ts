import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsOptional, Matches } from 'class-validator';
import { IsCalendarDate } from './calendar-date';
import { InsuranceClass, InsuranceStatus } from './enums';

/** A person's JKN membership (BPJS Kesehatan), replacing the one recorded before. */
export class SetInsuranceDto {
  @ApiProperty({ description: 'JKN card number (nomor kartu), 13 digits', example: '0001234567890' })
  @Matches(/^\d{13}$/, { message: 'number must be 13 digits' })
  number: string;

  @ApiProperty({ enum: InsuranceClass, enumName: 'InsuranceClass', description: 'Care class 1, 2 or 3' })
  @IsEnum(InsuranceClass)
  class: InsuranceClass;

  @ApiProperty({ description: 'PBI: the premium is paid by the state (Penerima Bantuan Iuran)' })
  @IsBoolean()
  pbi: boolean;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  activeFrom: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day of cover; none for open-ended' })
  @IsOptional()
  @IsCalendarDate()
  activeUntil?: string;
}

export class InsuranceMembershipView {
  @ApiProperty()
  number: string;
  @ApiProperty({ enum: InsuranceClass, enumName: 'InsuranceClass' })
  class: InsuranceClass;
  @ApiProperty()
  pbi: boolean;
  @ApiProperty({ format: 'date' })
  activeFrom: string;
  @ApiProperty({ format: 'date', nullable: true, type: String })
  activeUntil: string | null;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class InsuranceView {
  @ApiProperty()
  nik: string;
  @ApiProperty({ enum: InsuranceStatus, enumName: 'InsuranceStatus', description: 'As of today' })
  status: InsuranceStatus;
  @ApiProperty({ type: InsuranceMembershipView, nullable: true })
  membership: InsuranceMembershipView | null;
}

/** Optional detail fields are only in a DETAIL summary. */
export class InsuranceSummaryView {
  @ApiProperty({ enum: InsuranceStatus, enumName: 'InsuranceStatus' })
  status: InsuranceStatus;
  @ApiProperty({ description: 'Premium paid by the state (false without a membership)' })
  pbi: boolean;
  @ApiPropertyOptional({ enum: InsuranceClass, enumName: 'InsuranceClass', description: 'DETAIL' })
  class?: InsuranceClass;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: 'DETAIL' })
  activeUntil?: string | null;
}
