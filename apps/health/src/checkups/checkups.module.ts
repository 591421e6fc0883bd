import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { PersonsModule } from '../persons/persons.module';
import { CheckupsController } from './checkups.controller';
import { CheckupsService } from './checkups.service';

@Module({
  imports: [AccessLogModule, PersonsModule],
  controllers: [CheckupsController],
  providers: [CheckupsService],
})
export class CheckupsModule {}
