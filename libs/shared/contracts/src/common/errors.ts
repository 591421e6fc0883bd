/**
 * Stable error codes shared by services and the gateway. Clients switch on `code`, so a code is
 * never renamed or reused with another meaning; add a new one instead.
 */
export enum ErrorCode {
  // Request shape and authentication (gateway)
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  RATE_LIMITED = 'RATE_LIMITED',
  // Upstream and platform
  UPSTREAM_TIMEOUT = 'UPSTREAM_TIMEOUT',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
  // Population registry
  INVALID_NIK = 'INVALID_NIK',
  NIK_ALREADY_REGISTERED = 'NIK_ALREADY_REGISTERED',
  RESIDENT_NOT_FOUND = 'RESIDENT_NOT_FOUND',
  RESIDENT_NOT_ACTIVE = 'RESIDENT_NOT_ACTIVE',
  NOTHING_TO_CHANGE = 'NOTHING_TO_CHANGE',
  FAMILY_CARD_NOT_FOUND = 'FAMILY_CARD_NOT_FOUND',
  ALREADY_IN_FAMILY_CARD = 'ALREADY_IN_FAMILY_CARD',
  NOT_A_FAMILY_MEMBER = 'NOT_A_FAMILY_MEMBER',
  HEAD_CANNOT_LEAVE = 'HEAD_CANNOT_LEAVE',
  INVALID_RELATIONSHIP = 'INVALID_RELATIONSHIP',
  // Life events and duplicates
  RESIDENT_DECEASED = 'RESIDENT_DECEASED',
  RESIDENT_MOVED_OUT = 'RESIDENT_MOVED_OUT',
  RESIDENT_DEACTIVATED = 'RESIDENT_DEACTIVATED',
  DEATH_ALREADY_REGISTERED = 'DEATH_ALREADY_REGISTERED',
  DEATH_BEFORE_BIRTH = 'DEATH_BEFORE_BIRTH',
  DATE_BEFORE_BIRTH = 'DATE_BEFORE_BIRTH',
  INVALID_PARENT = 'INVALID_PARENT',
  PARENT_NOT_IN_FAMILY_CARD = 'PARENT_NOT_IN_FAMILY_CARD',
  FAMILY_CARD_CLOSED = 'FAMILY_CARD_CLOSED',
  INVALID_SPLIT = 'INVALID_SPLIT',
  DUPLICATE_REVIEW_NOT_FOUND = 'DUPLICATE_REVIEW_NOT_FOUND',
  DUPLICATE_REVIEW_ALREADY_RESOLVED = 'DUPLICATE_REVIEW_ALREADY_RESOLVED',
  // Region reference data
  REGION_NOT_FOUND = 'REGION_NOT_FOUND',
  // Letters
  LETTER_NOT_FOUND = 'LETTER_NOT_FOUND',
  LETTER_NOT_DRAFT = 'LETTER_NOT_DRAFT',
  LETTER_NOT_SIGNED = 'LETTER_NOT_SIGNED',
  LETTER_NOT_ISSUED = 'LETTER_NOT_ISSUED',
  LETTER_VALIDITY_ENDED = 'LETTER_VALIDITY_ENDED',
  RESIDENT_NOT_DECEASED = 'RESIDENT_NOT_DECEASED',
  // Health
  IMMUNIZATION_TOO_EARLY = 'IMMUNIZATION_TOO_EARLY',
  IMMUNIZATION_INTERVAL_TOO_SHORT = 'IMMUNIZATION_INTERVAL_TOO_SHORT',
  IMMUNIZATION_ALREADY_GIVEN = 'IMMUNIZATION_ALREADY_GIVEN',
  IMMUNIZATION_NOT_IN_SCHEDULE = 'IMMUNIZATION_NOT_IN_SCHEDULE',
  PREGNANCY_NOT_FOUND = 'PREGNANCY_NOT_FOUND',
  PREGNANCY_ALREADY_ACTIVE = 'PREGNANCY_ALREADY_ACTIVE',
  PREGNANCY_NOT_ACTIVE = 'PREGNANCY_NOT_ACTIVE',
  PREGNANCY_NOT_ELIGIBLE = 'PREGNANCY_NOT_ELIGIBLE',
  INSURANCE_NUMBER_TAKEN = 'INSURANCE_NUMBER_TAKEN',
  // Messaging operations
  DEAD_LETTER_NOT_FOUND = 'DEAD_LETTER_NOT_FOUND',
  DEAD_LETTER_ALREADY_REPLAYED = 'DEAD_LETTER_ALREADY_REPLAYED',
}

/** One problem with one field of a request; `field` is a dotted path such as `address.villageCode`. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * What a service answers when a request fails. The gateway turns it into problem+json unchanged:
 * `status` becomes the HTTP status, `code`, `detail` and `errors` are copied.
 */
export interface ServiceErrorBody {
  code: ErrorCode;
  status: number;
  detail: string;
  errors?: FieldError[];
}

export function isServiceErrorBody(value: unknown): value is ServiceErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.status === 'number' && typeof v.detail === 'string';
}
