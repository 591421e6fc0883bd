import { ValidationPipe } from '@nestjs/common';
import { ErrorCode } from '@terpadu/contracts';
import { DomainException } from '../errors/domain.exception';
import { toFieldErrors } from '../errors/field-errors';

/**
 * Validation of RPC payloads inside a service: unknown fields are rejected, payloads become DTO
 * instances, and a failure is a DomainException(VALIDATION_FAILED, 400) naming every field.
 */
export function createRpcValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new DomainException(
        ErrorCode.VALIDATION_FAILED,
        400,
        'The request is not valid',
        toFieldErrors(errors),
      ),
  });
}
