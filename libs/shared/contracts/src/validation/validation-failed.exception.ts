import { ErrorCode, type FieldError, type ServiceErrorBody } from '../common/errors';

/**
 * A payload its contract class refuses, thrown by the validation pipe at both ends: the gateway
 * answers it as problem+json (ProblemFilter), a service as its RPC error body (RpcErrorFilter),
 * both like a DomainException with the same code, status and field errors.
 */
export class ValidationFailedException extends Error {
  readonly code = ErrorCode.VALIDATION_FAILED;
  readonly status = 400;
  readonly detail = 'The request has invalid fields';

  constructor(readonly errors: FieldError[]) {
    super('The request has invalid fields');
    this.name = 'ValidationFailedException';
  }

  toBody(): ServiceErrorBody {
    return {
      code: this.code,
      status: this.status,
      detail: this.detail,
      ...(this.errors.length > 0 ? { errors: this.errors } : {}),
    };
  }
}
