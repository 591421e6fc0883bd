import { setTimeout as sleep } from 'node:timers/promises';

/** Waits `ms`, or less if `signal` aborts first; never rejects. */
export async function delay(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}

/** `promise`, unless `signal` aborts first: then rejects with the abort reason. */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('stopped'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('stopped'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** A one-shot wake-up: `wait` returns when `notify` was called (before or during), after `ms`, or on abort. */
export class Wakeup {
  private pending = false;
  private resolve: (() => void) | undefined;

  notify(): void {
    this.pending = true;
    this.resolve?.();
  }

  async wait(ms: number, signal: AbortSignal): Promise<void> {
    if (!this.pending && !signal.aborted) {
      const woken = new Promise<void>((resolve) => {
        this.resolve = resolve;
      });
      await Promise.race([woken, delay(ms, signal)]);
    }
    this.resolve = undefined;
    this.pending = false;
  }
}
