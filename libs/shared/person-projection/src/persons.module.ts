import { Module } from '@nestjs/common';
import { PersonsService } from './persons.service';

/** PersonsService for a service's features: find a person by NIK in the caller's jurisdiction. */
@Module({
  providers: [PersonsService],
  exports: [PersonsService],
})
export class PersonsModule {}
