import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule, retentionOptions } from '@terpadu/messaging';
import { ObservabilityModule } from '@terpadu/observability';
import { BirthsModule } from './births/births.module';
import { ClockModule } from '@terpadu/clock';
import type { Env } from './config/env';
import { createPopulationDataSourceOptions } from './database/data-source';
import { DeathsModule } from './deaths/deaths.module';
import { DuplicatesModule } from './duplicates/duplicates.module';
import { FamilyCardsModule } from './family-cards/family-cards.module';
import { Readiness } from './health/readiness';
import { ImportsModule } from './imports/imports.module';
import { MovesModule } from './moves/moves.module';
import { LettersModule } from './letters/letters.module';
import { RegionsModule } from './regions/regions.module';
import { ResidentsModule } from './residents/residents.module';

/** The population registry: residents and family cards, answered over NATS, with its own database. */
@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        BirthsModule,
        ClockModule.forRoot(env.REGISTRY_TIME_ZONE),
        DeathsModule,
        DuplicatesModule,
        FamilyCardsModule,
        ImportsModule.forRoot({ batchSize: env.IMPORT_BATCH_SIZE }),
        LettersModule.forRoot({ publicBaseUrl: env.PUBLIC_BASE_URL.replace(/\/+$/, '') }),
        MessagingModule.forRoot({ service: 'population', natsUrl: env.NATS_URL, ...retentionOptions(env) }),
        MovesModule,
        ObservabilityModule.forRoot({ service: 'population', logLevel: env.LOG_LEVEL }),
        RegionsModule,
        ResidentsModule,
        TypeOrmModule.forRoot(createPopulationDataSourceOptions(env.DATABASE_URL)),
      ],
      providers: [Readiness],
    };
  }
}
