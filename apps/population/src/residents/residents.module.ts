import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { RegionsModule } from '../regions/regions.module';
import { ResidentsController } from './residents.controller';
import { ResidentsService } from './residents.service';

@Module({
  imports: [AccessLogModule, RegionsModule],
  controllers: [ResidentsController],
  providers: [ResidentsService],
  exports: [ResidentsService],
})
export class ResidentsModule {}
