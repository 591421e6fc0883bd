import { ErrorCode, type FieldError } from '@terpadu/contracts';
import { DomainException } from '@terpadu/messaging';

/** The uploaded file cannot be read as a SIAK export: 400 naming `file` (never quoting its content). */
export function invalidFile(code: string, message: string, errors?: FieldError[]): DomainException {
  return new DomainException(
    ErrorCode.VALIDATION_FAILED,
    `The file cannot be imported: ${message}`,
    errors ?? [{ field: 'file', code, message }],
  );
}
