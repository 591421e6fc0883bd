import { serviceErrorBody } from '../common/errors';
import { COMMON_ERRORS } from './common.errors';
import { DEAD_LETTER_ERRORS } from './dead-letters.errors';
import { ERROR_DOMAINS, ErrorCode, errorDefinition, isErrorCode, mergeErrorDomains } from './error-codes';
import { HEALTH_ERRORS } from './health.errors';
import { POPULATION_ERRORS } from './population.errors';

/**
 * Every code and the status clients see with it, written out: clients switch on codes, so a code
 * that disappears, or changes its status, is a breaking change a reviewer must see in this table.
 */
const EXPECTED_STATUSES: Readonly<Record<string, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ROUTE_NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
  NIK_ALREADY_REGISTERED: 409,
  RESIDENT_NOT_FOUND: 404,
  RESIDENT_NOT_ACTIVE: 422,
  NOTHING_TO_CHANGE: 422,
  FAMILY_CARD_NOT_FOUND: 404,
  ALREADY_IN_FAMILY_CARD: 409,
  NOT_A_FAMILY_MEMBER: 404,
  HEAD_CANNOT_LEAVE: 422,
  INVALID_RELATIONSHIP: 422,
  RESIDENT_DECEASED: 422,
  RESIDENT_MOVED_OUT: 422,
  RESIDENT_DEACTIVATED: 422,
  DEATH_ALREADY_REGISTERED: 409,
  DEATH_BEFORE_BIRTH: 422,
  DATE_BEFORE_BIRTH: 422,
  INVALID_PARENT: 422,
  PARENT_NOT_IN_FAMILY_CARD: 422,
  FAMILY_CARD_CLOSED: 422,
  INVALID_SPLIT: 422,
  DUPLICATE_REVIEW_NOT_FOUND: 404,
  DUPLICATE_REVIEW_ALREADY_RESOLVED: 409,
  REGION_NOT_FOUND: 404,
  LETTER_NOT_FOUND: 404,
  LETTER_NOT_DRAFT: 409,
  LETTER_NOT_SIGNED: 409,
  LETTER_NOT_ISSUED: 409,
  LETTER_VALIDITY_ENDED: 422,
  RESIDENT_NOT_DECEASED: 422,
  IMPORT_NOT_FOUND: 404,
  IMPORT_UPLOAD_CLOSED: 409,
  IMPORT_INCOMPLETE: 409,
  IMPORT_FILE_ALREADY_IMPORTED: 409,
  IMMUNIZATION_TOO_EARLY: 422,
  IMMUNIZATION_INTERVAL_TOO_SHORT: 422,
  IMMUNIZATION_ALREADY_GIVEN: 409,
  IMMUNIZATION_NOT_IN_SCHEDULE: 422,
  PREGNANCY_NOT_FOUND: 404,
  PREGNANCY_ALREADY_ACTIVE: 409,
  PREGNANCY_NOT_ACTIVE: 409,
  PREGNANCY_NOT_ELIGIBLE: 422,
  INSURANCE_NUMBER_TAKEN: 409,
  DEAD_LETTER_NOT_FOUND: 404,
  DEAD_LETTER_ALREADY_REPLAYED: 409,
};

const codes = Object.values(ErrorCode);

describe('ErrorCode', () => {
  it('holds exactly the codes of the table above, each with its status', () => {
    expect(Object.fromEntries(codes.map((code) => [code, errorDefinition(code).status]))).toEqual(
      EXPECTED_STATUSES,
    );
  });

  it('names each code by its wire value', () => {
    for (const [name, value] of Object.entries(ErrorCode)) expect(value).toBe(name);
    expect(ErrorCode.RESIDENT_NOT_FOUND).toBe('RESIDENT_NOT_FOUND');
  });

  it.each(codes)('%s has an error status and a title', (code) => {
    const { status, title } = errorDefinition(code);
    expect(Number.isInteger(status) && status >= 400 && status <= 599).toBe(true);
    expect(title.trim()).not.toBe('');
  });
});

describe('error domains', () => {
  it('merges every domain file, none defining a code another one defines', () => {
    expect(ERROR_DOMAINS).toEqual([COMMON_ERRORS, POPULATION_ERRORS, HEALTH_ERRORS, DEAD_LETTER_ERRORS]);
    const perDomain = ERROR_DOMAINS.flatMap((domain) => Object.keys(domain));
    expect(new Set(perDomain).size).toBe(perDomain.length);
    expect(codes).toHaveLength(perDomain.length);
  });

  it('refuses a code that two domains define', () => {
    const cases = { CASE_NOT_FOUND: { status: 404, title: 'Case not found' } };
    const education = { CASE_NOT_FOUND: { status: 410, title: 'Case gone' } };
    expect(() => mergeErrorDomains([cases, education])).toThrow(
      'Error code CASE_NOT_FOUND is defined by two domains',
    );
    expect([...mergeErrorDomains([cases]).keys()]).toEqual(['CASE_NOT_FOUND']);
  });
});

describe(errorDefinition.name, () => {
  it('throws for a string that is no code rather than inventing a status', () => {
    expect(() => errorDefinition('NO_SUCH_CODE' as ErrorCode)).toThrow('Unknown error code NO_SUCH_CODE');
  });
});

describe(isErrorCode.name, () => {
  it('knows the codes and nothing else', () => {
    expect(isErrorCode('LETTER_NOT_FOUND')).toBe(true);
    expect(isErrorCode('letter_not_found')).toBe(false);
    expect(isErrorCode(404)).toBe(false);
  });
});

describe(serviceErrorBody.name, () => {
  it("takes the status from the code's definition and leaves out an empty error list", () => {
    expect(serviceErrorBody(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'send text/csv', [])).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      status: 415,
      detail: 'send text/csv',
    });
    const errors = [{ field: 'nik', code: 'isNik', message: 'nik must be a NIK' }];
    expect(serviceErrorBody(ErrorCode.VALIDATION_FAILED, 'bad', errors)).toEqual({
      code: 'VALIDATION_FAILED',
      status: 400,
      detail: 'bad',
      errors,
    });
  });
});
