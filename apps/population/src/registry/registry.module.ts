import { Module } from '@nestjs/common';
import { ResidentRecordsService } from './resident-records.service';

/**
 * The registry's core: the person record and its history, and the steps every part of the registry
 * takes on them (registering, correcting, life events, family card changes, duplicate resolutions).
 * It imports no other folder of the service but `common/`; the feature folders import it.
 */
@Module({
  providers: [ResidentRecordsService],
  exports: [ResidentRecordsService],
})
export class RegistryModule {}
