import { defineErrors } from './error-definition';

/** The request's shape, authentication and the platform itself: answered by the gateway and by every service. */
export const COMMON_ERRORS = defineErrors({
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Not allowed for your role' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL_ERROR: { status: 500, title: 'Internal error' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'A service is not available' },
  UPSTREAM_TIMEOUT: { status: 504, title: 'A service did not answer in time' },
});
