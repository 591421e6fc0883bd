import { acceptableRequestId, redactUrl, traceIdOf } from './redact';

describe('redactUrl', () => {
  it('replaces NIK-like path segments and drops the query string', () => {
    expect(redactUrl('/v1/residents/3171011708450001/history?name=Siti')).toBe(
      '/v1/residents/:redacted/history',
    );
    expect(redactUrl('/v1/family-cards/3171.0117.0845.0001')).toBe('/v1/family-cards/:redacted');
  });

  it('keeps ordinary segments', () => {
    expect(redactUrl('/v1/residents?villageCode=3174041003')).toBe('/v1/residents');
    expect(redactUrl('/v1/admin/dead-letters/0b9f6a52-6a43-4c4c-9d2c-2f0a8f4b1c11/replay')).toBe(
      '/v1/admin/dead-letters/0b9f6a52-6a43-4c4c-9d2c-2f0a8f4b1c11/replay',
    );
  });
});

describe('acceptableRequestId', () => {
  it('accepts tokens and refuses anything that could forge a log line', () => {
    expect(acceptableRequestId('abc-123_X.y')).toBe('abc-123_X.y');
    expect(acceptableRequestId('bad id\n{"level":"error"}')).toBeUndefined();
    expect(acceptableRequestId('x'.repeat(200))).toBeUndefined();
    expect(acceptableRequestId(undefined)).toBeUndefined();
  });
});

describe('traceIdOf', () => {
  it('reads the trace id of a W3C traceparent', () => {
    expect(traceIdOf('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
    expect(traceIdOf('garbage')).toBeUndefined();
  });
});
