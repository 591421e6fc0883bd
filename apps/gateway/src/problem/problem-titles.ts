import { ErrorCode } from '@terpadu/contracts';

/**
 * The problem+json `title` of each code: the same sentence for every occurrence of a code (the
 * `detail` says what happened this time). A new ErrorCode does not compile until it has a title.
 */
export const PROBLEM_TITLES: Readonly<Record<ErrorCode, string>> = {
  [ErrorCode.VALIDATION_FAILED]: 'The request is not valid',
  [ErrorCode.UNAUTHENTICATED]: 'Authentication required',
  [ErrorCode.FORBIDDEN]: 'Not allowed for your role',
  [ErrorCode.ROUTE_NOT_FOUND]: 'No such route',
  [ErrorCode.RATE_LIMITED]: 'Too many requests',
  [ErrorCode.UPSTREAM_TIMEOUT]: 'A service did not answer in time',
  [ErrorCode.SERVICE_UNAVAILABLE]: 'A service is not available',
  [ErrorCode.INTERNAL_ERROR]: 'Internal error',
  [ErrorCode.INVALID_NIK]: 'Invalid NIK',
  [ErrorCode.NIK_ALREADY_REGISTERED]: 'NIK already registered',
  [ErrorCode.RESIDENT_NOT_FOUND]: 'Resident not found',
  [ErrorCode.RESIDENT_NOT_ACTIVE]: 'Resident is not active',
  [ErrorCode.NOTHING_TO_CHANGE]: 'Nothing to change',
  [ErrorCode.FAMILY_CARD_NOT_FOUND]: 'Family card not found',
  [ErrorCode.ALREADY_IN_FAMILY_CARD]: 'Already a member of a family card',
  [ErrorCode.NOT_A_FAMILY_MEMBER]: 'Not a member of this family card',
  [ErrorCode.HEAD_CANNOT_LEAVE]: 'The head cannot leave the family card',
  [ErrorCode.INVALID_RELATIONSHIP]: 'Invalid family relationship',
  [ErrorCode.RESIDENT_DECEASED]: 'The resident is deceased',
  [ErrorCode.RESIDENT_MOVED_OUT]: 'The resident has moved out',
  [ErrorCode.RESIDENT_DEACTIVATED]: 'The record was deactivated as a duplicate',
  [ErrorCode.DEATH_ALREADY_REGISTERED]: 'Death already registered',
  [ErrorCode.DEATH_BEFORE_BIRTH]: 'Date of death before the birth date',
  [ErrorCode.DATE_BEFORE_BIRTH]: 'Date before the birth date',
  [ErrorCode.INVALID_PARENT]: 'Invalid parent',
  [ErrorCode.PARENT_NOT_IN_FAMILY_CARD]: 'No parent is a member of this family card',
  [ErrorCode.FAMILY_CARD_CLOSED]: 'The family card is closed',
  [ErrorCode.INVALID_SPLIT]: 'Invalid family card split',
  [ErrorCode.DUPLICATE_REVIEW_NOT_FOUND]: 'Duplicate review not found',
  [ErrorCode.DUPLICATE_REVIEW_ALREADY_RESOLVED]: 'Duplicate review already resolved',
  [ErrorCode.REGION_NOT_FOUND]: 'Region not found',
  [ErrorCode.LETTER_NOT_FOUND]: 'Letter not found',
  [ErrorCode.LETTER_NOT_DRAFT]: 'The letter is not a draft',
  [ErrorCode.LETTER_NOT_SIGNED]: 'The letter is not signed',
  [ErrorCode.LETTER_NOT_ISSUED]: 'The letter has not been issued',
  [ErrorCode.LETTER_VALIDITY_ENDED]: 'The letter validity has ended',
  [ErrorCode.RESIDENT_NOT_DECEASED]: 'Resident is not deceased',
  [ErrorCode.IMMUNIZATION_TOO_EARLY]: 'Too early for this dose',
  [ErrorCode.IMMUNIZATION_INTERVAL_TOO_SHORT]: 'Too soon after the previous dose',
  [ErrorCode.IMMUNIZATION_ALREADY_GIVEN]: 'Dose already given',
  [ErrorCode.IMMUNIZATION_NOT_IN_SCHEDULE]: 'Dose not in the immunization schedule',
  [ErrorCode.PREGNANCY_NOT_FOUND]: 'Pregnancy not found',
  [ErrorCode.PREGNANCY_ALREADY_ACTIVE]: 'A pregnancy is already active',
  [ErrorCode.PREGNANCY_NOT_ACTIVE]: 'The pregnancy is not active',
  [ErrorCode.PREGNANCY_NOT_ELIGIBLE]: 'Not eligible for a pregnancy record',
  [ErrorCode.INSURANCE_NUMBER_TAKEN]: 'Insurance number belongs to another person',
  [ErrorCode.IMPORT_NOT_FOUND]: 'Import not found',
  [ErrorCode.IMPORT_UPLOAD_CLOSED]: 'The import no longer takes rows',
  [ErrorCode.IMPORT_INCOMPLETE]: 'The import did not receive every row',
  [ErrorCode.IMPORT_FILE_ALREADY_IMPORTED]: 'This file was already imported by another office',
  [ErrorCode.DEAD_LETTER_NOT_FOUND]: 'Dead letter not found',
  [ErrorCode.DEAD_LETTER_ALREADY_REPLAYED]: 'Dead letter already replayed',
};

/** `urn:terpadu:problem:nik-already-registered`: stable, and says which code without a lookup. */
export function problemType(code: ErrorCode): string {
  return `urn:terpadu:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}
