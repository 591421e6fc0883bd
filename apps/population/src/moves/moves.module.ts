import { Module } from '@nestjs/common';
import { DuplicatesModule } from '../duplicates/duplicates.module';
import { FamilyCardsModule } from '../family-cards/family-cards.module';
import { LifeEventsModule } from '../life-events/life-events.module';
import { RegionsModule } from '../regions/regions.module';
import { MovesController } from './moves.controller';
import { MovesService } from './moves.service';

@Module({
  imports: [DuplicatesModule, FamilyCardsModule, LifeEventsModule, RegionsModule],
  controllers: [MovesController],
  providers: [MovesService],
})
export class MovesModule {}
