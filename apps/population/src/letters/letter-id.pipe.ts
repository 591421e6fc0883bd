import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalidField } from '../common/domain-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `id` of a letter request: a UUID (lower-cased), or VALIDATION_FAILED on `id`. */
@Injectable()
export class LetterIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !UUID.test(value))
      throw invalidField('id', 'isUuid', 'id must be a UUID');
    return value.toLowerCase();
  }
}
