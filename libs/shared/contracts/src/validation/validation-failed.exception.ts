import { type FieldError, type ServiceErrorBody, serviceErrorBody } from '../common/errors';
import { ErrorCode } from '../errors/error-codes';

/**
 * A payload its contract class refuses, thrown by the validation pipe at both ends: the gateway
 * answers it as problem+json (ProblemFilter), a service as its RPC error body (RpcErrorFilter),
 * both like a DomainException with the same code, status and field errors.
 */
export class ValidationFailedException extends Error {
  readonly code = ErrorCode.VALIDATION_FAILED;
  readonly detail = 'The request has invalid fields';

  constructor(readonly errors: FieldError[]) {
    super('The request has invalid fields');
    this.name = 'ValidationFailedException';
  }

  /** Its status, from the code's definition like every error's. */
  get status(): number {
    return this.toBody().status;
  }

  toBody(): ServiceErrorBody {
    return serviceErrorBody(this.code, this.detail, this.errors.length > 0 ? this.errors : undefined);
  }
}
