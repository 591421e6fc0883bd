import { Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module';
import { RegistryModule } from '../registry/registry.module';
import { FamilyCardChangesService } from './family-card-changes.service';
import { FamilyCardsController } from './family-cards.controller';
import { FamilyCardsService } from './family-cards.service';

@Module({
  imports: [RegionsModule, RegistryModule],
  controllers: [FamilyCardsController],
  providers: [FamilyCardChangesService, FamilyCardsService],
  exports: [FamilyCardsService],
})
export class FamilyCardsModule {}
