import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const storage = new AsyncLocalStorage<string>();

/** The W3C traceparent of the work in progress (an event being handled), if any. */
export function currentTraceparent(): string | undefined {
  return storage.getStore();
}

/** Runs `fn` with `traceparent` as the current one; events written inside continue its trace. */
export function runWithTraceparent<T>(traceparent: string, fn: () => T): T {
  return storage.run(traceparent, fn);
}

export function isTraceparent(value: string | undefined): value is string {
  return (
    value !== undefined && TRACEPARENT.test(value) && !/^00-0{32}-/.test(value) && !/-0{16}-..$/.test(value)
  );
}

/**
 * A new span: a child of `parent` (same trace id, new span id) when a valid parent is given,
 * else the root of a new trace. Always sampled-flag `01`.
 */
export function childTraceparent(parent?: string): string {
  const match = isTraceparent(parent) ? TRACEPARENT.exec(parent) : null;
  const traceId = match ? match[1] : randomBytes(16).toString('hex');
  return `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
}
