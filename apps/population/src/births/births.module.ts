import { Module } from '@nestjs/common';
import { DuplicatesModule } from '../duplicates/duplicates.module';
import { FamilyCardsModule } from '../family-cards/family-cards.module';
import { RegionsModule } from '../regions/regions.module';
import { RegistryModule } from '../registry/registry.module';
import { BirthsController } from './births.controller';
import { BirthsService } from './births.service';

@Module({
  imports: [DuplicatesModule, FamilyCardsModule, RegionsModule, RegistryModule],
  controllers: [BirthsController],
  providers: [BirthsService],
})
export class BirthsModule {}
