import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import {
  ErrorCode,
  isServiceErrorBody,
  type ServiceErrorBody,
  serviceErrorBody,
  ValidationFailedException,
} from '@terpadu/contracts';
import { DomainException, ServiceCallError } from '@terpadu/messaging';
import { APP_LOGGER } from '@terpadu/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Logger } from 'pino';
import { PROBLEM_CONTENT_TYPE } from './api-problem-responses.decorator';
import { ProblemException } from './problem.exception';
import { problemTitle, problemType } from './problem-titles';
import type { ProblemView } from './problem.view';

interface Mapped {
  body: ServiceErrorBody;
  headers: Readonly<Record<string, string>>;
}

const INTERNAL = serviceErrorBody(ErrorCode.INTERNAL_ERROR, 'The gateway failed to process the request');

/**
 * The code of a 4xx HttpException (Nest's unknown route, Fastify's body parsing) by its status, and
 * the detail when the status text will not do. Any other 4xx is a request of the wrong shape:
 * VALIDATION_FAILED, answered with that code's status (400), as one code has one status.
 */
const HTTP_ERRORS: Readonly<Partial<Record<number, { code: ErrorCode; detail?: string }>>> = {
  401: { code: ErrorCode.UNAUTHENTICATED, detail: 'Authentication required' },
  403: { code: ErrorCode.FORBIDDEN, detail: 'Not allowed' },
  404: { code: ErrorCode.ROUTE_NOT_FOUND, detail: 'No operation matches this method and path' },
  413: { code: ErrorCode.PAYLOAD_TOO_LARGE },
  415: { code: ErrorCode.UNSUPPORTED_MEDIA_TYPE },
  429: { code: ErrorCode.RATE_LIMITED, detail: 'Too many requests' },
};

/**
 * Every error leaves the gateway as problem+json: its own DomainExceptions, the validation pipe's
 * ValidationFailedException, services' errors (ServiceCallError) with their status, code, detail
 * and errors unchanged, Nest's and Fastify's HTTP errors (unknown route, malformed JSON), and
 * anything else as INTERNAL_ERROR without details.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(APP_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { body, headers } = this.map(exception, request.id);
    if (reply.sent) return;
    const problem: ProblemView = {
      type: problemType(body.code),
      title: problemTitle(body.code, body.status),
      status: body.status,
      detail: body.detail,
      code: body.code,
      errors: body.errors ?? [],
      requestId: request.id,
    };
    void reply
      .status(body.status)
      .headers({ ...headers, 'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8` })
      .send(JSON.stringify(problem));
  }

  private map(exception: unknown, reqId: string): Mapped {
    if (exception instanceof DomainException) {
      const headers = exception instanceof ProblemException ? exception.headers : {};
      return { body: exception.toBody(), headers };
    }
    if (exception instanceof ValidationFailedException) return { body: exception.toBody(), headers: {} };
    if (exception instanceof ServiceCallError) {
      const body =
        isServiceErrorBody(exception.body) && isErrorStatus(exception.body.status)
          ? exception.body
          : INTERNAL;
      if (body.status >= 500)
        this.logger.warn({ reqId, subject: exception.subject, code: body.code }, 'service call failed');
      return { body, headers: {} };
    }
    if (exception instanceof HttpException)
      return { body: this.fromHttpException(exception, reqId), headers: {} };
    const error = exception instanceof Error ? exception : new Error('non-Error thrown');
    this.logger.error(
      { reqId, err: { name: error.name, message: error.message, stack: error.stack } },
      'unhandled error',
    );
    return { body: INTERNAL, headers: {} };
  }

  /** Nest's NotFoundException for unknown routes and Fastify's own 4xx errors (body parsing). */
  private fromHttpException(exception: HttpException, reqId: string): ServiceErrorBody {
    const status = exception.getStatus();
    const cause = exception.cause as { code?: unknown } | undefined;
    const fastifyCode = typeof cause?.code === 'string' ? cause.code : undefined;
    if (status === 400 && fastifyCode?.startsWith('FST_ERR_CTP_') === true) {
      return serviceErrorBody(ErrorCode.VALIDATION_FAILED, 'The request body is not valid JSON');
    }
    if (status >= 400 && status < 500) {
      const known = HTTP_ERRORS[status];
      return serviceErrorBody(
        known?.code ?? ErrorCode.VALIDATION_FAILED,
        known?.detail ?? STATUS_CODES[status] ?? 'The request is not valid',
      );
    }
    this.logger.error(
      { reqId, err: { name: exception.name, message: exception.message } },
      'unhandled HTTP error',
    );
    return INTERNAL;
  }
}

function isErrorStatus(status: number): boolean {
  return Number.isInteger(status) && status >= 400 && status <= 599;
}
