import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalidField } from '@terpadu/service-kit';

/** A family card number in a request: 16 digits once spaces and dots are stripped, or VALIDATION_FAILED on `number`. */
@Injectable()
export class FamilyCardNumberPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    const number = typeof value === 'string' ? value.replace(/[\s.]/g, '') : '';
    if (!/^\d{16}$/.test(number))
      throw invalidField('number', 'isFamilyCardNumber', 'number must be 16 digits');
    return number;
  }
}
