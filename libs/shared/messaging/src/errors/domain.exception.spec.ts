import { ErrorCode } from '@terpadu/contracts';
import { DomainException } from './domain.exception';

describe(DomainException.name, () => {
  it('turns into the ServiceErrorBody the gateway maps to problem+json', () => {
    const e = new DomainException(ErrorCode.VALIDATION_FAILED, 400, 'bad', [
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
    expect(new DomainException(ErrorCode.RESIDENT_NOT_FOUND, 404, 'none', []).toBody()).toEqual({
      code: ErrorCode.RESIDENT_NOT_FOUND,
      status: 404,
      detail: 'none',
    });
  });
});
