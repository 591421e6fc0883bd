import { Module } from '@nestjs/common';
import { FamilyCardsModule } from '../family-cards/family-cards.module';
import { RegistryModule } from '../registry/registry.module';
import { DuplicatesController } from './duplicates.controller';
import { DuplicatesService } from './duplicates.service';

@Module({
  imports: [FamilyCardsModule, RegistryModule],
  controllers: [DuplicatesController],
  providers: [DuplicatesService],
  exports: [DuplicatesService],
})
export class DuplicatesModule {}
