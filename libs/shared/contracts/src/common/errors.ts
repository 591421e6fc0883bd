import { type ErrorCode, errorDefinition } from '../errors/error-codes';

/** One problem with one field of a request; `field` is a dotted path such as `address.villageCode`. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * What a service answers when a request fails. The gateway turns it into problem+json unchanged:
 * `status` becomes the HTTP status, `code`, `detail` and `errors` are copied.
 */
export interface ServiceErrorBody {
  code: ErrorCode;
  status: number;
  detail: string;
  errors?: FieldError[];
}

/** The body of a failure with `code`, its status taken from the code's definition; no empty `errors`. */
export function serviceErrorBody(code: ErrorCode, detail: string, errors?: FieldError[]): ServiceErrorBody {
  return {
    code,
    status: errorDefinition(code).status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function isServiceErrorBody(value: unknown): value is ServiceErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.status === 'number' && typeof v.detail === 'string';
}
