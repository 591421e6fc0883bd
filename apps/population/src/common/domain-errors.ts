import { ErrorCode } from '@terpadu/contracts';
import { DomainException } from '@terpadu/messaging';

/** Missing and outside the caller's jurisdiction look the same: a person outside is not found. */
export function residentNotFound(): DomainException {
  return new DomainException(ErrorCode.RESIDENT_NOT_FOUND, 'No resident with this NIK in your jurisdiction');
}

export function familyCardNotFound(): DomainException {
  return new DomainException(
    ErrorCode.FAMILY_CARD_NOT_FOUND,
    'No family card with this number in your jurisdiction',
  );
}

/** Writing an address the caller does not administer. */
export function addressOutsideJurisdiction(): DomainException {
  return new DomainException(ErrorCode.FORBIDDEN, 'The address is outside your jurisdiction', [
    {
      field: 'address.villageCode',
      code: 'withinJurisdiction',
      message: 'address.villageCode is outside your jurisdiction',
    },
  ]);
}
