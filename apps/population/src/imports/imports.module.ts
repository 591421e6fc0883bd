import { type DynamicModule, Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module';
import { RegistryModule } from '../registry/registry.module';
import { ResidentsModule } from '../residents/residents.module';
import { ImportBatchService } from './import-batch.service';
import { IMPORT_OPTIONS, type ImportOptions } from './import-options';
import { ImportProcessor } from './import-processor';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** Bulk import of residents from SIAK exports, as background jobs (docs/imports.md). */
@Module({})
export class ImportsModule {
  static forRoot(options: Pick<ImportOptions, 'batchSize'> & Partial<ImportOptions>): DynamicModule {
    return {
      module: ImportsModule,
      imports: [RegionsModule, RegistryModule, ResidentsModule],
      controllers: [ImportsController],
      providers: [
        ImportBatchService,
        { provide: IMPORT_OPTIONS, useValue: { maxAttempts: 5, retryDelayMs: 1000, ...options } },
        ImportProcessor,
        ImportsService,
      ],
    };
  }
}
