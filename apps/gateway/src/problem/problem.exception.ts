import type { ErrorCode, FieldError } from '@terpadu/contracts';
import { DomainException } from '@terpadu/messaging';

/**
 * An error the gateway itself answers (authentication, access, rate limit) that needs response
 * headers as well (`WWW-Authenticate`, `Retry-After`). The ProblemFilter turns every
 * DomainException into problem+json and adds these headers.
 * `detail` reaches clients and logs: never put a NIK, a name or a token into it.
 */
export class ProblemException extends DomainException {
  constructor(
    code: ErrorCode,
    detail: string,
    errors?: FieldError[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(code, detail, errors);
    this.name = 'ProblemException';
  }
}
