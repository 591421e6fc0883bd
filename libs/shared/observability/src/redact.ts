/**
 * A URL fit for a log line or a metric: the query string is dropped and every path segment that
 * could be a NIK or KK number (16 digits, with or without dots and spaces) is replaced.
 */
export function redactUrl(url: string | undefined): string {
  if (!url) return '';
  const path = url.split('?')[0];
  return path
    .split('/')
    .map((segment) =>
      /^[\d.\s%20]{16,}$/.test(segment) && segment.replace(/\D/g, '').length >= 16 ? ':redacted' : segment,
    )
    .join('/');
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when it is a sane token, else undefined (the caller makes one). */
export function acceptableRequestId(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : undefined;
}

/** The trace id (32 hex) of a W3C `traceparent` header, if it is well-formed. */
export function traceIdOf(traceparent: string | string[] | undefined): string | undefined {
  const value = Array.isArray(traceparent) ? traceparent[0] : traceparent;
  const match = value ? /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(value) : null;
  return match?.[1];
}
