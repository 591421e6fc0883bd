import { IsISO8601, IsUUID, Matches, ValidateIf } from 'class-validator';
import { IsNik } from '../population/nik';
import { IsRegionCode } from '../population/region-code';

/**
 * The rules event payload classes share. A payload carries values as its producer stores them:
 * ids are UUIDs, a NIK is its 16 digits (never with the spaces or dots people type), a village is
 * its 10-digit Kemendagri code, an instant is `Date.toISOString()` output. Unknown extra fields are
 * never refused: a newer producer may add some.
 */

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    for (const decorate of decorators) decorate(target, propertyName);
  };
}

/** The id of a record in its producer (a PostgreSQL `uuid`). */
export function IsEventId(): PropertyDecorator {
  return IsUUID('loose', { message: ({ property }) => `${property} must be a UUID` });
}

/** A NIK as the registry stores it: 16 digits that pass the NIK rule. */
export function IsStoredNik(): PropertyDecorator {
  return compose(
    IsNik(),
    Matches(/^\d{16}$/, {
      message: ({ property }) => `${property} must be 16 digits, without spaces or dots`,
    }),
  );
}

/** A 10-digit village (desa/kelurahan) code in a known province. */
export function IsVillageCode(): PropertyDecorator {
  return IsRegionCode({ lengths: [10] });
}

/** A family card (KK) number: 16 digits. */
export function IsFamilyCardNumber(): PropertyDecorator {
  return Matches(/^\d{16}$/, { message: ({ property }) => `${property} must be 16 digits` });
}

/** A vaccine code of the immunization schedule data, such as DPT_HB_HIB (health's tables hold no other form). */
export function IsVaccineCode(): PropertyDecorator {
  return Matches(/^[A-Z][A-Z0-9_]{1,19}$/, {
    message: ({ property }) => `${property} must be a vaccine code such as DPT_HB_HIB`,
  });
}

/** An instant with its time and zone (RFC 3339), such as `2026-11-30T03:00:00.000Z`. */
export function IsInstant(): PropertyDecorator {
  const message = ({ property }: { property: string }) =>
    `${property} must be an ISO 8601 instant such as 2026-11-30T03:00:00.000Z`;
  return compose(
    IsISO8601({ strict: true, strictSeparator: true }, { message }),
    Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, { message }),
  );
}

/** A field typed `T | null`: required, and null is a value; any other value meets the field's rules. */
export function Nullable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== null);
}

/** A field typed `x?: T`: may be left out; when present it meets the field's rules (null is not T). */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
