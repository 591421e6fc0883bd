import { type DynamicModule, Global, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { FastifyInstance } from 'fastify';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { HealthController } from './health.controller';
import { HealthRegistry } from './health.registry';
import { installHttpObservability } from './http-observability';
import { createLogger, type LogLevelName, requestContextOptions } from './logger';
import { MetricsController, MetricsRegistry } from './metrics';

export const APP_LOGGER = Symbol('APP_LOGGER');

export interface ObservabilityOptions {
  service: string;
  logLevel?: LogLevelName;
}

class HttpObservabilityInstaller implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly logger: Logger,
    private readonly metrics: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    installHttpObservability(adapter.getInstance<FastifyInstance>(), this.logger, this.metrics);
  }
}

/**
 * Health (`/health/live`, `/health/ready` on terminus), Prometheus metrics (`/metrics`), the JSON
 * logger (inject with `@Inject(APP_LOGGER)`), Nest's logger on top of it (`app.useLogger(app.get(PinoNestLogger))`:
 * lines logged while a request is handled carry its `reqId` and `traceId`) and the access log for
 * a Fastify app. Register readiness checks through `HealthRegistry`.
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    const logger = createLogger(options.service, options.logLevel);
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_LOGGER],
          useFactory: (appLogger: Logger) => requestContextOptions(appLogger),
        }),
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        HealthRegistry,
        MetricsRegistry,
        { provide: APP_LOGGER, useValue: logger },
        {
          provide: HttpObservabilityInstaller,
          inject: [HttpAdapterHost, APP_LOGGER, MetricsRegistry],
          useFactory: (host: HttpAdapterHost, appLogger: Logger, metrics: MetricsRegistry) =>
            new HttpObservabilityInstaller(host, appLogger, metrics),
        },
      ],
      exports: [APP_LOGGER, HealthRegistry, MetricsRegistry],
    };
  }
}
