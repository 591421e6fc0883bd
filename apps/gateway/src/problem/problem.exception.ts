import type { ErrorCode, FieldError, ServiceErrorBody } from '@terpadu/contracts';

/**
 * An error the gateway itself answers (authentication, validation, rate limit). The ProblemFilter
 * turns it into problem+json; `headers` are added to the response (`WWW-Authenticate`, `Retry-After`).
 * `detail` reaches clients and logs: never put a NIK, a name or a token into it.
 */
export class ProblemException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'ProblemException';
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
