import { Module } from '@nestjs/common';
import { CheckupsController } from './checkups.controller';
import { InsuranceController } from './insurance.controller';
import { PregnanciesController } from './pregnancies.controller';

/** Pregnancies, checkups and insurance: the health service's records besides immunizations. */
@Module({ controllers: [CheckupsController, InsuranceController, PregnanciesController] })
export class HealthRecordsModule {}
