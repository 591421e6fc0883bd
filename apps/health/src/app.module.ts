import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule, retentionOptions } from '@terpadu/messaging';
import { ObservabilityModule } from '@terpadu/observability';
import { CheckupsModule } from './checkups/checkups.module';
import { ClockModule } from '@terpadu/clock';
import type { Env } from './config/env';
import { createHealthDataSourceOptions } from './database/data-source';
import { ImmunizationsModule } from './immunizations/immunizations.module';
import { InsuranceModule } from './insurance/insurance.module';
import { PopulationEventsModule } from './population-events/population-events.module';
import { PregnanciesModule } from './pregnancies/pregnancies.module';
import { Readiness } from './probes/readiness';
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
        ClockModule.forRoot(env.HEALTH_TIME_ZONE),
        HealthSummaryModule,
        ImmunizationsModule.forRoot({ overdueScanIntervalMs: env.OVERDUE_SCAN_INTERVAL_MS }),
        InsuranceModule,
        MessagingModule.forRoot({ service: 'health', natsUrl: env.NATS_URL, ...retentionOptions(env) }),
        ObservabilityModule.forRoot({ service: 'health', logLevel: env.LOG_LEVEL }),
        PopulationEventsModule,
        PregnanciesModule,
        TypeOrmModule.forRoot(createHealthDataSourceOptions(env.DATABASE_URL)),
      ],
      providers: [Readiness],
    };
  }
}
