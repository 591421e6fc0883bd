import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** Provides the Clock to every module; tests override the provider with a fixed clock. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(timeZone: string): DynamicModule {
    return {
      module: ClockModule,
      providers: [{ provide: Clock, useFactory: () => new SystemClock(timeZone) }],
      exports: [Clock],
    };
  }
}
