import { type ArgumentsHost, Catch, Logger, type RpcExceptionFilter } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import {
  ErrorCode,
  type ServiceErrorBody,
  serviceErrorBody,
  ValidationFailedException,
} from '@terpadu/contracts';
import { type Observable, throwError } from 'rxjs';
import { DomainException } from '../errors/domain.exception';

/**
 * Global exception filter of a service's NATS microservice. A DomainException (or the validation
 * pipe's ValidationFailedException) is answered as its ServiceErrorBody; anything else is logged
 * (name, message and stack, never the payload) and answered as INTERNAL_ERROR 500 without details.
 *
 * Nest's NATS transport sends the thrown value as the `err` of the reply packet
 * (`{ id, err, isDisposed: true }`); ClientProxy.send errors with exactly that value, so the
 * gateway's RpcClient receives the body unchanged.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger(RpcErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    return throwError(() => toServiceErrorBody(exception, subjectOf(host), this.logger));
  }
}

export function toServiceErrorBody(exception: unknown, subject: string, logger: Logger): ServiceErrorBody {
  if (exception instanceof DomainException || exception instanceof ValidationFailedException)
    return exception.toBody();
  const error =
    exception instanceof Error
      ? exception
      : new Error(typeof exception === 'string' ? exception : 'non-Error thrown');
  logger.error(`Unhandled error answering ${subject}: ${error.name}: ${error.message}`, error.stack);
  return serviceErrorBody(ErrorCode.INTERNAL_ERROR, 'The service failed to process the request');
}

function subjectOf(host: ArgumentsHost): string {
  if (host.getType() !== 'rpc') return host.getType();
  const context: unknown = host.switchToRpc().getContext();
  return context instanceof NatsContext ? context.getSubject() : 'rpc';
}
