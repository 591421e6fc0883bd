import { Module } from '@nestjs/common';
import { LifeEventsModule } from '../life-events/life-events.module';
import { RegionsModule } from '../regions/regions.module';
import { FamilyCardChangesService } from './family-card-changes.service';
import { FamilyCardsController } from './family-cards.controller';
import { FamilyCardsService } from './family-cards.service';

@Module({
  imports: [LifeEventsModule, RegionsModule],
  controllers: [FamilyCardsController],
  providers: [FamilyCardChangesService, FamilyCardsService],
  exports: [FamilyCardsService],
})
export class FamilyCardsModule {}
