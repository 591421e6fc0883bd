import { type DynamicModule, Module } from '@nestjs/common';
import { PersonsModule } from '@terpadu/person-projection';
import { ImmunizationsController } from './immunizations.controller';
import { ImmunizationsService } from './immunizations.service';
import { OVERDUE_SCAN_INTERVAL_MS, OverdueScanScheduler } from './overdue-scan.scheduler';
import { OverdueScanService } from './overdue-scan.service';
import { SchedulesService } from './schedules.service';

/**
 * Children's schedules, doses given, and the overdue scan (every `overdueScanIntervalMs`; 0: never).
 * Global: the summary and the population-event handlers use its services.
 */
@Module({})
export class ImmunizationsModule {
  static forRoot(options: { overdueScanIntervalMs: number }): DynamicModule {
    return {
      module: ImmunizationsModule,
      global: true,
      imports: [PersonsModule],
      controllers: [ImmunizationsController],
      providers: [
        ImmunizationsService,
        { provide: OVERDUE_SCAN_INTERVAL_MS, useValue: options.overdueScanIntervalMs },
        OverdueScanScheduler,
        OverdueScanService,
        SchedulesService,
      ],
      exports: [ImmunizationsService, OverdueScanService, SchedulesService],
    };
  }
}
