import { ErrorCode } from '@terpadu/contracts';
import { TimeoutError, firstValueFrom, NEVER, timeout } from 'rxjs';
import { ServiceCallError } from './service-call.error';

describe(ServiceCallError.name, () => {
  it('keeps a service error body unchanged', () => {
    const body = { code: ErrorCode.NIK_ALREADY_REGISTERED, status: 409, detail: 'taken' };
    expect(ServiceCallError.from(body, 'rpc.x', 100).body).toBe(body);
  });

  it('maps a deadline to UPSTREAM_TIMEOUT 504', async () => {
    const error: unknown = await firstValueFrom(NEVER.pipe(timeout(1))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(ServiceCallError.from(error, 'rpc.x', 1).body).toMatchObject({
      code: ErrorCode.UPSTREAM_TIMEOUT,
      status: 504,
    });
  });

  it('maps transport failures to SERVICE_UNAVAILABLE 503', () => {
    for (const error of [new Error('503'), 'Error: Connection lost. Trying to reconnect...', undefined]) {
      expect(ServiceCallError.from(error, 'rpc.x', 1).body).toMatchObject({
        code: ErrorCode.SERVICE_UNAVAILABLE,
        status: 503,
      });
    }
  });

  it("maps Nest's default error packet to INTERNAL_ERROR 500", () => {
    expect(
      ServiceCallError.from({ status: 'error', message: 'Internal server error' }, 'rpc.x', 1).body,
    ).toMatchObject({
      code: ErrorCode.INTERNAL_ERROR,
      status: 500,
    });
  });
});
