import { ErrorCode, isServiceErrorBody, type ServiceErrorBody, serviceErrorBody } from '@terpadu/contracts';
import { TimeoutError } from 'rxjs';

/** What RpcClient.send rejects with: the service's own error, or why the service could not answer. */
export class ServiceCallError extends Error {
  constructor(
    readonly body: ServiceErrorBody,
    readonly subject: string,
  ) {
    super(`${subject}: ${body.code} (${body.status}) ${body.detail}`);
    this.name = 'ServiceCallError';
  }

  /** Classifies whatever ClientProxy.send errored with. */
  static from(error: unknown, subject: string, timeoutMs: number): ServiceCallError {
    if (error instanceof ServiceCallError) return error;
    if (isServiceErrorBody(error)) return new ServiceCallError(error, subject);
    if (error instanceof TimeoutError) {
      return new ServiceCallError(
        serviceErrorBody(ErrorCode.UPSTREAM_TIMEOUT, `The service did not answer within ${timeoutMs} ms`),
        subject,
      );
    }
    if (isNestErrorPacket(error)) {
      // Nest's default answer for an exception no filter mapped: the service failed.
      return new ServiceCallError(
        serviceErrorBody(ErrorCode.INTERNAL_ERROR, 'The service failed to process the request'),
        subject,
      );
    }
    // No responders, connection refused or lost, no handler for the subject, an empty reply.
    return new ServiceCallError(
      serviceErrorBody(ErrorCode.SERVICE_UNAVAILABLE, 'The service is not available'),
      subject,
    );
  }
}

function isNestErrorPacket(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Error) &&
    (value as Record<string, unknown>).status === 'error' &&
    typeof (value as Record<string, unknown>).message === 'string'
  );
}
