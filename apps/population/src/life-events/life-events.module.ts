import { Module } from '@nestjs/common';
import { ResidentRecordsService } from './resident-records.service';

/** What births, deaths, moves, family card changes and duplicate resolutions share. */
@Module({
  providers: [ResidentRecordsService],
  exports: [ResidentRecordsService],
})
export class LifeEventsModule {}
