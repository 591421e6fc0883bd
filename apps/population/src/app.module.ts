import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@terpadu/service-kit';
import { BirthsModule } from './births/births.module';
import type { Env } from './config/env';
import { POPULATION_SERVICE } from './database/data-source';
import { DeathsModule } from './deaths/deaths.module';
import { DuplicatesModule } from './duplicates/duplicates.module';
import { FamilyCardsModule } from './family-cards/family-cards.module';
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
        DeathsModule,
        DuplicatesModule,
        FamilyCardsModule,
        ImportsModule.forRoot({ batchSize: env.IMPORT_BATCH_SIZE }),
        LettersModule.forRoot({ publicBaseUrl: env.PUBLIC_BASE_URL.replace(/\/+$/, '') }),
        MovesModule,
        RegionsModule,
        ResidentsModule,
        ServiceKitModule.forRoot(POPULATION_SERVICE, env),
      ],
    };
  }
}
