import { Module } from '@nestjs/common';
import { PersonProjectionModule } from '@terpadu/person-projection';
import { PregnanciesModule } from '../pregnancies/pregnancies.module';
import { HealthPersonHooks } from './health-person-hooks';

/**
 * Health's projection of persons from population's events, with health's reactions plugged in
 * (SchedulesService comes from the global ImmunizationsModule).
 */
@Module({
  imports: [PersonProjectionModule.forRoot({ hooks: HealthPersonHooks, imports: [PregnanciesModule] })],
})
export class PopulationEventsModule {}
