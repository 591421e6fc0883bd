import { Module } from '@nestjs/common';
import { DeathsController } from './deaths.controller';

@Module({ controllers: [DeathsController] })
export class DeathsModule {}
