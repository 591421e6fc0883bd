import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ClockModule } from '@terpadu/clock';
import { createValidationPipe } from '@terpadu/contracts';
import { RpcClientModule } from '@terpadu/messaging';
import { ObservabilityModule } from '@terpadu/observability';
import { AdminModule } from './admin/admin.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { BirthsModule } from './births/births.module';
import { Env } from './config/env';
import { DeathsModule } from './deaths/deaths.module';
import { DuplicateReviewsModule } from './duplicate-reviews/duplicate-reviews.module';
import { FamilyCardsModule } from './family-cards/family-cards.module';
import { HealthRecordsModule } from './health/health-records.module';
import { ImmunizationsModule } from './immunizations/immunizations.module';
import { ImportsModule } from './imports/imports.module';
import { LettersModule } from './letters/letters.module';
import { RpcReadiness } from './health/rpc-readiness';
import { MovesModule } from './moves/moves.module';
import { DocsController } from './openapi/docs.controller';
import { OverviewModule } from './overview/overview.module';
import { ProblemFilter } from './problem/problem.filter';

import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RegionsModule } from './regions/regions.module';
import { ResidentsModule } from './residents/residents.module';

/** Configuration shared by every module of the gateway: the validated Env. */
@Module({})
class CoreModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      providers: [{ provide: Env, useValue: env }],
      exports: [Env],
    };
  }
}

/**
 * The gateway: the platform's only public entry point. It authenticates, validates and forwards
 * each request to the owning service over NATS request/reply, and answers errors as problem+json.
 */
@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AdminModule,
        AuthModule,
        BirthsModule,
        // The gateway computes no calendar dates: its Clock gives instants (tokens, rate limits, deadlines).
        ClockModule.forRoot('UTC'),
        CoreModule.forRoot(env),
        DeathsModule,
        DuplicateReviewsModule,
        FamilyCardsModule,
        HealthRecordsModule,
        ImmunizationsModule,
        ImportsModule,
        LettersModule,
        MovesModule,
        ObservabilityModule.forRoot({ service: 'gateway', logLevel: env.LOG_LEVEL }),
        OverviewModule,
        RegionsModule,
        ResidentsModule,
        RpcClientModule.register({
          servers: env.NATS_URL,
          name: 'gateway',
          defaultTimeoutMs: env.RPC_TIMEOUT_MS,
        }),
      ],
      controllers: [DocsController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        // Guards run in this order: the rate limit first, so a flood costs no token verification.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        RpcReadiness,
      ],
    };
  }
}
