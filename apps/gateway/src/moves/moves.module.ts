import { Module } from '@nestjs/common';
import { MovesController } from './moves.controller';

@Module({ controllers: [MovesController] })
export class MovesModule {}
