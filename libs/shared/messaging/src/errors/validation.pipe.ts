import { ValidationPipe } from '@nestjs/common';
import { ErrorCode } from '@terpadu/contracts';
import { DomainException } from './domain.exception';
import { toFieldErrors } from './field-errors';

/**
 * The one validation pipe of the platform, for the gateway's HTTP requests and the services' RPC
 * payloads alike: unknown fields are rejected, payloads become DTO instances, and a failure is a
 * DomainException(VALIDATION_FAILED, 400) naming every field by its path, never its value.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new DomainException(
        ErrorCode.VALIDATION_FAILED,
        'The request has invalid fields',
        toFieldErrors(errors),
      ),
  });
}
