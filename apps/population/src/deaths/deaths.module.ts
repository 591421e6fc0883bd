import { Module } from '@nestjs/common';
import { FamilyCardsModule } from '../family-cards/family-cards.module';
import { LifeEventsModule } from '../life-events/life-events.module';
import { DeathsController } from './deaths.controller';
import { DeathsService } from './deaths.service';

@Module({
  imports: [FamilyCardsModule, LifeEventsModule],
  controllers: [DeathsController],
  providers: [DeathsService],
})
export class DeathsModule {}
