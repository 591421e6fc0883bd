import { Module } from '@nestjs/common';
import { InsuranceModule } from '../insurance/insurance.module';
import { PersonsModule } from '@terpadu/person-projection';
import { PregnanciesModule } from '../pregnancies/pregnancies.module';
import { HealthSummaryController } from './health-summary.controller';
import { HealthSummaryService } from './health-summary.service';

/** Uses ImmunizationsService from the (global) ImmunizationsModule that AppModule registers with its options. */
@Module({
  imports: [InsuranceModule, PersonsModule, PregnanciesModule],
  controllers: [HealthSummaryController],
  providers: [HealthSummaryService],
})
export class HealthSummaryModule {}
