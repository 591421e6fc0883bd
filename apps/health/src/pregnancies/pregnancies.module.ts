import { Module } from '@nestjs/common';
import { PersonsModule } from '@terpadu/person-projection';
import { PregnanciesController } from './pregnancies.controller';
import { PregnanciesService } from './pregnancies.service';

@Module({
  imports: [PersonsModule],
  controllers: [PregnanciesController],
  providers: [PregnanciesService],
  exports: [PregnanciesService],
})
export class PregnanciesModule {}
