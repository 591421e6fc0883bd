import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { DuplicatesModule } from '../duplicates/duplicates.module';
import { RegionsModule } from '../regions/regions.module';
import { RegistryModule } from '../registry/registry.module';
import { ResidentsController } from './residents.controller';
import { ResidentsService } from './residents.service';

@Module({
  imports: [AccessLogModule, DuplicatesModule, RegionsModule, RegistryModule],
  controllers: [ResidentsController],
  providers: [ResidentsService],
  exports: [ResidentsService],
})
export class ResidentsModule {}
