import type { ErrorCode, FieldError, ServiceErrorBody } from '@terpadu/contracts';

/**
 * A rule of the domain said no. Thrown by services; the RpcErrorFilter sends it to the caller as a
 * ServiceErrorBody and the gateway answers it as problem+json with the same status, code and detail.
 * `detail` is read by people and logged: never put a NIK or a name into it.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = 'DomainException';
  }

  toBody(): ServiceErrorBody {
    return {
      code: this.code,
      status: this.status,
      detail: this.detail,
      ...(this.errors && this.errors.length > 0 ? { errors: this.errors } : {}),
    };
  }
}
