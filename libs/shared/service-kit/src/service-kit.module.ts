import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClockModule } from '@terpadu/clock';
import { MessagingModule, type MessagingOptions, retentionOptions } from '@terpadu/messaging';
import { ObservabilityModule } from '@terpadu/observability';
import { AccessLogService } from './access-log/access-log.service';
import { serviceDataSourceOptions } from './database/service-data-source';
import { Readiness } from './readiness';
import type { ServiceDefinition } from './service-definition';
import type { ServiceEnv } from './service-env';

export type ServiceMessagingOptions = Omit<MessagingOptions, 'service' | 'natsUrl'>;

/**
 * The chassis of a domain service, imported once by its AppModule: the Clock in the service's time
 * zone, its database (TypeORM), events and RPC plumbing (MessagingModule), logs, probes and metrics
 * (ObservabilityModule), readiness of database and NATS, and the data access log (AccessLogService,
 * global). What the app adds is its domain.
 */
@Global()
@Module({})
export class ServiceKitModule {
  static forRoot(
    service: ServiceDefinition,
    env: ServiceEnv,
    messaging: ServiceMessagingOptions = {},
  ): DynamicModule {
    return {
      module: ServiceKitModule,
      imports: [
        ClockModule.forRoot(env.TIME_ZONE),
        MessagingModule.forRoot({
          ...retentionOptions(env),
          ...messaging,
          service: service.name,
          natsUrl: env.NATS_URL,
        }),
        ObservabilityModule.forRoot({ service: service.name, logLevel: env.LOG_LEVEL }),
        TypeOrmModule.forRoot(serviceDataSourceOptions(service, env.DATABASE_URL)),
      ],
      providers: [AccessLogService, Readiness],
      exports: [AccessLogService],
    };
  }
}
