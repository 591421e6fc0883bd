import { Module } from '@nestjs/common';
import { DuplicatesModule } from '../duplicates/duplicates.module';
import { FamilyCardsModule } from '../family-cards/family-cards.module';
import { LifeEventsModule } from '../life-events/life-events.module';
import { RegionsModule } from '../regions/regions.module';
import { ResidentsModule } from '../residents/residents.module';
import { BirthsController } from './births.controller';
import { BirthsService } from './births.service';

@Module({
  imports: [DuplicatesModule, FamilyCardsModule, LifeEventsModule, RegionsModule, ResidentsModule],
  controllers: [BirthsController],
  providers: [BirthsService],
})
export class BirthsModule {}
