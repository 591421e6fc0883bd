import { ValidationPipe } from '@nestjs/common';
import { ErrorCode } from '@terpadu/contracts';
import { toFieldErrors } from '@terpadu/messaging';
import { ProblemException } from './problem.exception';

/**
 * The gateway's global validation: unknown fields are rejected (body, query and path), payloads
 * become DTO instances, and a failure is VALIDATION_FAILED 400 listing every field by its path.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new ProblemException(
        ErrorCode.VALIDATION_FAILED,
        400,
        'The request has invalid fields',
        toFieldErrors(errors),
      ),
  });
}
