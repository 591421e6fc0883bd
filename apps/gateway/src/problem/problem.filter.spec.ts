import { type ArgumentsHost, HttpException } from '@nestjs/common';
import { ErrorCode } from '@terpadu/contracts';
import { DomainException, ServiceCallError } from '@terpadu/messaging';
import type { Logger } from 'pino';
import { ProblemException } from './problem.exception';
import { ProblemFilter } from './problem.filter';

interface Answer {
  status?: number;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
}

function answer(exception: unknown): Answer {
  const result: Answer = { headers: {} };
  const reply = {
    sent: false,
    status(code: number) {
      result.status = code;
      return reply;
    },
    headers(headers: Record<string, string>) {
      Object.assign(result.headers, headers);
      return reply;
    },
    send(body: string) {
      result.body = JSON.parse(body) as Record<string, unknown>;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-1' }), getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  const logger = { warn: jest.fn(), error: jest.fn() } as unknown as Logger;
  new ProblemFilter(logger).catch(exception, host);
  return result;
}

/** What Nest's Fastify adapter makes of a Fastify 4xx error. */
function fastifyError(status: number, code: string, message: string): HttpException {
  return new HttpException(message, status, { cause: Object.assign(new Error(message), { code }) });
}

describe(ProblemFilter.name, () => {
  it("answers a DomainException with its code's status and title", () => {
    const { status, headers, body } = answer(
      new DomainException(ErrorCode.RESIDENT_NOT_FOUND, 'No resident with this NIK in your jurisdiction'),
    );
    expect(status).toBe(404);
    expect(headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(body).toEqual({
      type: 'urn:terpadu:problem:resident-not-found',
      title: 'Resident not found',
      status: 404,
      detail: 'No resident with this NIK in your jurisdiction',
      code: 'RESIDENT_NOT_FOUND',
      errors: [],
      requestId: 'req-1',
    });
  });

  it('adds the headers of a ProblemException', () => {
    const { status, headers, body } = answer(
      new ProblemException(ErrorCode.RATE_LIMITED, 'Too many requests; retry in 3 s', undefined, {
        'retry-after': '3',
      }),
    );
    expect(status).toBe(429);
    expect(headers['retry-after']).toBe('3');
    expect(body).toMatchObject({ code: 'RATE_LIMITED', title: 'Too many requests' });
  });

  it.each([
    [415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Unsupported Media Type'],
    [413, 'FST_ERR_CTP_BODY_TOO_LARGE', 413, ErrorCode.PAYLOAD_TOO_LARGE, 'Request body is too large'],
    [400, 'FST_ERR_CTP_EMPTY_JSON_BODY', 400, ErrorCode.VALIDATION_FAILED, 'Body cannot be empty'],
  ])("answers Fastify's %i %s with %i %s", (fastifyStatus, code, status, errorCode, message) => {
    const { body } = answer(fastifyError(fastifyStatus, code, message));
    expect(body).toMatchObject({ status, code: errorCode });
  });

  it('answers any other 4xx HTTP error as VALIDATION_FAILED with its one status, 400', () => {
    const { status, body } = answer(new HttpException('Method Not Allowed', 405));
    expect(status).toBe(400);
    expect(body).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      title: 'The request is not valid',
      detail: 'Method Not Allowed',
    });
  });

  it("keeps the status of a service's error whose code this gateway does not know, titled by the status", () => {
    const { status, body } = answer(
      new ServiceCallError(
        { code: 'CASE_CLOSED' as ErrorCode, status: 409, detail: 'The case is closed' },
        'cases.close',
      ),
    );
    expect(status).toBe(409);
    expect(body).toMatchObject({ code: 'CASE_CLOSED', title: 'Conflict', detail: 'The case is closed' });
  });
});
