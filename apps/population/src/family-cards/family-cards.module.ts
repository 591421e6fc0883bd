import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { FamilyCardsController } from './family-cards.controller';
import { FamilyCardsService } from './family-cards.service';

@Module({
  imports: [AccessLogModule],
  controllers: [FamilyCardsController],
  providers: [FamilyCardsService],
  exports: [FamilyCardsService],
})
export class FamilyCardsModule {}
