import { Injectable, type PipeTransform } from '@nestjs/common';
import { parseNik } from '@terpadu/contracts';
import { Clock } from '@terpadu/clock';
import { invalidField } from './domain-errors';

/** A NIK that names a resident in a request (`nik` beside the body): normalized, or VALIDATION_FAILED on `nik`. */
@Injectable()
export class NikPipe implements PipeTransform<unknown, string> {
  constructor(private readonly clock: Clock) {}

  transform(value: unknown): string {
    if (typeof value !== 'string') throw invalidField('nik', 'isNik', 'nik must be a string of 16 digits');
    const result = parseNik(value, this.clock.today());
    if (!result.ok) throw invalidField('nik', 'isNik', `nik is invalid: ${result.message}`);
    return result.value.nik;
  }
}
