import { Module } from '@nestjs/common';
import { FamilyCardsModule } from '../family-cards/family-cards.module';
import { LifeEventsModule } from '../life-events/life-events.module';
import { DuplicatesController } from './duplicates.controller';
import { DuplicatesService } from './duplicates.service';

@Module({
  imports: [FamilyCardsModule, LifeEventsModule],
  controllers: [DuplicatesController],
  providers: [DuplicatesService],
  exports: [DuplicatesService],
})
export class DuplicatesModule {}
