import { ValidationPipe } from '@nestjs/common';
import { toFieldErrors } from './field-errors';
import { ValidationFailedException } from './validation-failed.exception';

/**
 * The one validation pipe of the platform, for the gateway's HTTP requests and the services' RPC
 * payloads alike: unknown fields are rejected, payloads become instances of their contract classes,
 * and a failure is a ValidationFailedException (VALIDATION_FAILED, 400) naming every field by its
 * path, never its value.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedException(toFieldErrors(errors)),
  });
}
