import { Injectable, type PipeTransform } from '@nestjs/common';
import { Clock } from '@terpadu/clock';
import { ErrorCode, parseNik } from '@terpadu/contracts';
import { DomainException } from '@terpadu/messaging';

/** One invalid field, answered like the validation pipe answers: VALIDATION_FAILED 400 naming the field. */
export function invalidField(field: string, code: string, message: string): DomainException {
  return new DomainException(ErrorCode.VALIDATION_FAILED, 'The request is not valid', [
    { field, code, message },
  ]);
}

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in a request (`id`, `pregnancyId` beside the body): a UUID, lower-cased, or VALIDATION_FAILED naming the field. */
export function uuidPipe(field: string): PipeTransform<unknown, string> {
  return {
    transform(value: unknown): string {
      if (typeof value !== 'string' || !UUID.test(value))
        throw invalidField(field, 'isUuid', `${field} must be a UUID`);
      return value.toLowerCase();
    },
  };
}
