import { Module } from '@nestjs/common';
import { FamilyCardsController } from './family-cards.controller';

@Module({ controllers: [FamilyCardsController] })
export class FamilyCardsModule {}
