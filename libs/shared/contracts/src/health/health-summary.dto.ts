import { ApiProperty } from '@nestjs/swagger';
import { HealthSummaryLevel } from './enums';
import { ImmunizationSummaryView } from './immunization.dto';
import { InsuranceSummaryView } from './insurance.dto';
import { PregnancySummaryView } from './pregnancy.dto';

/** What the resident overview shows of a person's health, at the level the caller's roles allow. */
export class HealthSummaryView {
  @ApiProperty({ enum: HealthSummaryLevel, enumName: 'HealthSummaryLevel' })
  level: HealthSummaryLevel;
  @ApiProperty({ format: 'date', description: 'Statuses are as of this day' })
  asOf: string;
  @ApiProperty({
    type: ImmunizationSummaryView,
    nullable: true,
    description: 'Null for a person without an immunization schedule (5 or older when first known)',
  })
  immunization: ImmunizationSummaryView | null;
  @ApiProperty({ type: PregnancySummaryView })
  pregnancy: PregnancySummaryView;
  @ApiProperty({ type: InsuranceSummaryView })
  insurance: InsuranceSummaryView;
}
