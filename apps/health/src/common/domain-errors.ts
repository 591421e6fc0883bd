import { invalidField } from '@terpadu/service-kit';
import { ErrorCode } from '@terpadu/contracts';
import { DomainException } from '@terpadu/messaging';

/** A date that lies after today in the health service's calendar. */
export function dateInFuture(field: string): DomainException {
  return invalidField(field, 'notInFuture', `${field} cannot be after today`);
}

/** A death closes a person's health records: nothing new is recorded after it. */
export function residentDeceased(): DomainException {
  return new DomainException(
    ErrorCode.RESIDENT_DECEASED,
    'The person is registered as deceased: no new health records',
  );
}
