import { Module } from '@nestjs/common';
import { DuplicatesModule } from '../duplicates/duplicates.module';
import { FamilyCardsModule } from '../family-cards/family-cards.module';
import { RegionsModule } from '../regions/regions.module';
import { RegistryModule } from '../registry/registry.module';
import { MovesController } from './moves.controller';
import { MovesService } from './moves.service';

@Module({
  imports: [DuplicatesModule, FamilyCardsModule, RegionsModule, RegistryModule],
  controllers: [MovesController],
  providers: [MovesService],
})
export class MovesModule {}
