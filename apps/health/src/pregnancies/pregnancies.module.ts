import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { PersonsModule } from '../persons/persons.module';
import { PregnanciesController } from './pregnancies.controller';
import { PregnanciesService } from './pregnancies.service';

@Module({
  imports: [AccessLogModule, PersonsModule],
  controllers: [PregnanciesController],
  providers: [PregnanciesService],
  exports: [PregnanciesService],
})
export class PregnanciesModule {}
