import { Module } from '@nestjs/common';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersService } from './dead-letters.service';

@Module({ controllers: [DeadLettersController], providers: [DeadLettersService] })
export class AdminModule {}
