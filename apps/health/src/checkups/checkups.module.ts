import { Module } from '@nestjs/common';
import { PersonsModule } from '@terpadu/person-projection';
import { CheckupsController } from './checkups.controller';
import { CheckupsService } from './checkups.service';

@Module({
  imports: [PersonsModule],
  controllers: [CheckupsController],
  providers: [CheckupsService],
})
export class CheckupsModule {}
