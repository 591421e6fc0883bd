import { Module } from '@nestjs/common';
import { ImmunizationsController } from './immunizations.controller';

@Module({ controllers: [ImmunizationsController] })
export class ImmunizationsModule {}
