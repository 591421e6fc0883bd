import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalidField } from '@terpadu/service-kit';
import { regionLevelOf } from '@terpadu/contracts';

/** `code` of a region request: dots stripped, then 2, 4, 6 or 10 digits, or VALIDATION_FAILED on `code`. */
@Injectable()
export class RegionCodePipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    const code = typeof value === 'string' ? value.replace(/\./g, '') : '';
    if (!/^\d+$/.test(code) || regionLevelOf(code) === undefined)
      throw invalidField('code', 'isRegionCode', 'code must be a region code of 2, 4, 6 or 10 digits');
    return code;
  }
}
