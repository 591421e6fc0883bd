import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemView } from './problem.view';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'VALIDATION_FAILED: unknown or invalid fields, malformed JSON or path parameters',
  401: 'UNAUTHENTICATED: no bearer token, or it is expired, not signed by the issuer or not for this audience',
  403: 'FORBIDDEN: your roles do not allow this operation',
  404: 'Not found (also for a person outside your jurisdiction)',
  409: 'Conflicts with the current state',
  422: 'The request is well-formed but breaks a registry rule',
  429: 'RATE_LIMITED: too many requests; retry after the `Retry-After` seconds',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE: the service behind this operation is not available',
  504: 'UPSTREAM_TIMEOUT: the service behind this operation did not answer in time',
};

/** Errors every authenticated operation can answer. */
const COMMON = [400, 401, 403, 429, 500, 503, 504];

/**
 * Documents an operation's error answers as problem+json: the common ones plus `extra`
 * (for example `{ 404: 'RESIDENT_NOT_FOUND' }`).
 */
export function ApiProblemResponses(
  extra: Readonly<Record<number, string>> = {},
): MethodDecorator & ClassDecorator {
  const statuses = [...new Set([...COMMON, ...Object.keys(extra).map(Number)])].sort((a, b) => a - b);
  return applyDecorators(
    ApiExtraModels(ProblemView),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: extra[status] ?? DESCRIPTIONS[status] ?? 'Error',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemView) } } },
      }),
    ),
  );
}
