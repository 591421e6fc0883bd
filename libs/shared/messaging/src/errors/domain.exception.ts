import {
  type ErrorCode,
  errorDefinition,
  type FieldError,
  type ServiceErrorBody,
  serviceErrorBody,
} from '@terpadu/contracts';

/**
 * A rule of the domain said no. Thrown by services; the RpcErrorFilter sends it to the caller as a
 * ServiceErrorBody and the gateway answers it as problem+json with the same status, code and detail.
 * The status is the code's own (`errorDefinition(code).status`), never chosen at the throw.
 * `detail` is read by people and logged: never put a NIK or a name into it.
 */
export class DomainException extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = 'DomainException';
    this.status = errorDefinition(code).status;
  }

  toBody(): ServiceErrorBody {
    return serviceErrorBody(this.code, this.detail, this.errors);
  }
}
