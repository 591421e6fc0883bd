import { Module } from '@nestjs/common';
import { DuplicateReviewsController } from './duplicate-reviews.controller';

@Module({ controllers: [DuplicateReviewsController] })
export class DuplicateReviewsModule {}
