import { Module } from '@nestjs/common';
import { FamilyCardsModule } from '../family-cards/family-cards.module';
import { RegistryModule } from '../registry/registry.module';
import { DeathsController } from './deaths.controller';
import { DeathsService } from './deaths.service';

@Module({
  imports: [FamilyCardsModule, RegistryModule],
  controllers: [DeathsController],
  providers: [DeathsService],
})
export class DeathsModule {}
