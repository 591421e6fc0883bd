import { registerDecorator, type ValidationOptions } from 'class-validator';
import { PROVINCES } from './provinces';

/** Lengths of an undotted Kemendagri code: province, regency, district, village. */
export type RegionCodeLength = 2 | 4 | 6 | 10;

/** True when `code` is digits of one of `lengths` and starts with a province code. */
export function isRegionCode(code: unknown, lengths: readonly RegionCodeLength[] = [2, 4, 6, 10]): boolean {
  return (
    typeof code === 'string' &&
    /^\d+$/.test(code) &&
    (lengths as readonly number[]).includes(code.length) &&
    code.slice(0, 2) in PROVINCES
  );
}

/** class-validator decorator: an undotted region code of the given lengths in a known province. */
export function IsRegionCode(
  o: { lengths?: readonly RegionCodeLength[] } = {},
  options?: ValidationOptions,
): PropertyDecorator {
  const lengths = o.lengths ?? [2, 4, 6, 10];
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isRegionCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => isRegionCode(value, lengths),
        defaultMessage: (args) =>
          `${args?.property ?? 'code'} must be a region code of ${lengths.join(', ')} digits starting with a province code`,
      },
    });
  };
}
