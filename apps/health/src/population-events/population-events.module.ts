import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { PregnanciesModule } from '../pregnancies/pregnancies.module';
import { DuplicateMergeService } from './duplicate-merge.service';
import { PopulationEventsHandler } from './population-events.handler';

/** Consumes population's events (SchedulesService comes from the global ImmunizationsModule). */
@Module({
  imports: [PersonsModule, PregnanciesModule],
  providers: [DuplicateMergeService, PopulationEventsHandler],
})
export class PopulationEventsModule {}
