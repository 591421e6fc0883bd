import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@terpadu/service-kit';
import { CheckupsModule } from './checkups/checkups.module';
import type { Env } from './config/env';
import { HEALTH_SERVICE } from './database/data-source';
import { ImmunizationsModule } from './immunizations/immunizations.module';
import { InsuranceModule } from './insurance/insurance.module';
import { PopulationEventsModule } from './population-events/population-events.module';
import { PregnanciesModule } from './pregnancies/pregnancies.module';
import { HealthSummaryModule } from './summary/health-summary.module';

/**
 * The health service (Puskesmas, Posyandu): immunization, antenatal care, checkups and JKN
 * insurance, answered over NATS, with its own database and a projection of persons fed by
 * population's events.
 */
@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CheckupsModule,
        HealthSummaryModule,
        ImmunizationsModule.forRoot({ overdueScanIntervalMs: env.OVERDUE_SCAN_INTERVAL_MS }),
        InsuranceModule,
        PopulationEventsModule,
        PregnanciesModule,
        ServiceKitModule.forRoot(HEALTH_SERVICE, env),
      ],
    };
  }
}
