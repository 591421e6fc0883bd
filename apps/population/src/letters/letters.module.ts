import { type DynamicModule, Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module';
import { LettersController } from './letters.controller';
import { LETTERS_OPTIONS, type LettersOptions, LettersService } from './letters.service';

@Module({})
export class LettersModule {
  static forRoot(options: LettersOptions): DynamicModule {
    return {
      module: LettersModule,
      imports: [RegionsModule],
      controllers: [LettersController],
      providers: [{ provide: LETTERS_OPTIONS, useValue: options }, LettersService],
    };
  }
}
