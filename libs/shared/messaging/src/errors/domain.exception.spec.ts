import { ErrorCode, errorDefinition } from '@terpadu/contracts';
import { DomainException } from './domain.exception';

describe(DomainException.name, () => {
  it('turns into the ServiceErrorBody the gateway maps to problem+json', () => {
    const e = new DomainException(ErrorCode.VALIDATION_FAILED, 'bad', [
      { field: 'nik', code: 'isNik', message: 'm' },
    ]);
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('bad');
    expect(e.toBody()).toEqual({
      code: ErrorCode.VALIDATION_FAILED,
      status: 400,
      detail: 'bad',
      errors: [{ field: 'nik', code: 'isNik', message: 'm' }],
    });
  });

  it('leaves out an empty error list', () => {
    expect(new DomainException(ErrorCode.RESIDENT_NOT_FOUND, 'none', []).toBody()).toEqual({
      code: ErrorCode.RESIDENT_NOT_FOUND,
      status: 404,
      detail: 'none',
    });
  });

  it.each([
    [ErrorCode.FORBIDDEN, 403],
    [ErrorCode.UNSUPPORTED_MEDIA_TYPE, 415],
    [ErrorCode.INSURANCE_NUMBER_TAKEN, 409],
    [ErrorCode.IMMUNIZATION_TOO_EARLY, 422],
    [ErrorCode.DEAD_LETTER_NOT_FOUND, 404],
    [ErrorCode.SERVICE_UNAVAILABLE, 503],
  ])('answers %s with %i, the status of its definition', (code, status) => {
    const e = new DomainException(code, 'no');
    expect(e.status).toBe(status);
    expect(e.toBody().status).toBe(status);
  });

  it("takes every code's status from the table, never from the throw", () => {
    for (const code of Object.values(ErrorCode)) {
      expect(new DomainException(code, 'x').toBody()).toEqual({
        code,
        status: errorDefinition(code).status,
        detail: 'x',
      });
    }
  });

  it('refuses a code that is not in the table', () => {
    expect(() => new DomainException('NO_SUCH_CODE' as ErrorCode, 'x')).toThrow(
      'Unknown error code NO_SUCH_CODE',
    );
  });
});
