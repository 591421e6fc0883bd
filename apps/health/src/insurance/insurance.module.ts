import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { PersonsModule } from '../persons/persons.module';
import { InsuranceController } from './insurance.controller';
import { InsuranceService } from './insurance.service';

@Module({
  imports: [AccessLogModule, PersonsModule],
  controllers: [InsuranceController],
  providers: [InsuranceService],
  exports: [InsuranceService],
})
export class InsuranceModule {}
