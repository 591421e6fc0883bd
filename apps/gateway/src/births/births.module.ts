import { Module } from '@nestjs/common';
import { BirthsController } from './births.controller';

@Module({ controllers: [BirthsController] })
export class BirthsModule {}
