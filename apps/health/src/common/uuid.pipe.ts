import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalidField } from './domain-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in a request (`pregnancyId` beside the body): a UUID, or VALIDATION_FAILED naming the field. */
export function uuidPipe(field: string): PipeTransform<unknown, string> {
  @Injectable()
  class UuidPipe implements PipeTransform<unknown, string> {
    transform(value: unknown): string {
      if (typeof value !== 'string' || !UUID.test(value))
        throw invalidField(field, 'isUuid', `${field} must be a UUID`);
      return value.toLowerCase();
    }
  }
  return new UuidPipe();
}
