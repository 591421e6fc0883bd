import { ErrorCode, errorDefinition, type Role } from '@terpadu/contracts';
import { ServiceCallError } from '@terpadu/messaging';
import type { InjectOptions } from 'fastify';
import { TimeoutError } from 'rxjs';
import { problemType } from '../src/problem/problem-titles';
import { rolesExcept } from './fixtures';
import { problemOf, type SpecApp } from './spec-app';

export interface Endpoint {
  name: string;
  request: InjectOptions;
  subject: string;
  allowed: readonly Role[];
  status: number;
  /** What the gateway forwards besides the actor. */
  forwarded: Record<string, unknown>;
  /** A domain error of the service that passes through unchanged. */
  domainError: { code: ErrorCode; status: number };
}

/**
 * The HTTP contract every forwarding endpoint keeps: 401 without a token, 403 for every other role
 * (and no call), the request forwarded with the actor, and the service's errors, timeouts and
 * unavailability answered as problem+json.
 */
export function describeEndpointContract(spec: () => SpecApp, endpoints: Endpoint[]): void {
  describe.each(endpoints)('$name', (endpoint) => {
    it('answers 401 without a token, without asking a service', async () => {
      const res = await spec().request({ ...endpoint.request, as: null });
      expect(res.statusCode).toBe(401);
      expect(problemOf(res).code).toBe(ErrorCode.UNAUTHENTICATED);
      expect(spec().rpc.calls).toHaveLength(0);
    });

    it('answers 403 to every other role, without asking a service', async () => {
      for (const role of rolesExcept(endpoint.allowed)) {
        const res = await spec().request({ ...endpoint.request, as: { roles: [role] } });
        expect({ role, status: res.statusCode }).toEqual({ role, status: 403 });
      }
      expect(spec().rpc.calls).toHaveLength(0);
    });

    it('forwards the request with the actor for every allowed role and answers with the service’s view', async () => {
      spec().rpc.answer(endpoint.subject, () => ({ id: 'answer' }));
      for (const role of endpoint.allowed) {
        const res = await spec().request({
          ...endpoint.request,
          as: { roles: [role], sub: `user-${role}`, jurisdiction: ['317404'] },
        });
        expect({ role, status: res.statusCode, body: res.json() }).toEqual({
          role,
          status: endpoint.status,
          body: { id: 'answer' },
        });
      }
      expect(spec().rpc.calls).toHaveLength(endpoint.allowed.length);
      expect(spec().rpc.calls[0]).toEqual({
        subject: endpoint.subject,
        request: {
          actor: {
            sub: `user-${endpoint.allowed[0]}`,
            roles: [endpoint.allowed[0]],
            jurisdiction: ['317404'],
            requestId: expect.any(String),
          },
          ...endpoint.forwarded,
        },
      });
    });

    it('passes the service’s refusal, timeouts and unavailability through as problem+json', async () => {
      const cases: Array<[unknown, number, ErrorCode]> = [
        [
          new ServiceCallError(
            { ...endpoint.domainError, detail: 'refused', errors: [{ field: 'x', code: 'y', message: 'z' }] },
            endpoint.subject,
          ),
          endpoint.domainError.status,
          endpoint.domainError.code,
        ],
        [ServiceCallError.from(new TimeoutError(), endpoint.subject, 5000), 504, ErrorCode.UPSTREAM_TIMEOUT],
        [
          ServiceCallError.from(new Error('no responders'), endpoint.subject, 5000),
          503,
          ErrorCode.SERVICE_UNAVAILABLE,
        ],
      ];
      for (const [error, status, code] of cases) {
        spec().rpc.answer(endpoint.subject, () => {
          throw error;
        });
        const res = await spec().request({ ...endpoint.request, as: { roles: [endpoint.allowed[0]] } });
        expect(res.statusCode).toBe(status);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(problemOf(res)).toMatchObject({
          type: problemType(code),
          title: errorDefinition(code).title,
          code,
          status,
        });
        if (code === endpoint.domainError.code) {
          // The service's refusal arrives unchanged: its detail and field errors too.
          expect(problemOf(res)).toMatchObject({
            detail: 'refused',
            errors: [{ field: 'x', code: 'y', message: 'z' }],
          });
        }
      }
    });
  });
}

/** A request refused by validation at the gateway: 400 naming exactly these fields, no service asked. */
export async function expectInvalid(
  spec: SpecApp,
  request: InjectOptions,
  as: Role,
  errors: Array<{ field: string; code: string }>,
): Promise<void> {
  const res = await spec.request({ ...request, as: { roles: [as] } });
  expect(res.statusCode).toBe(400);
  const problem = problemOf(res);
  expect(problem.code).toBe(ErrorCode.VALIDATION_FAILED);
  expect(problem.errors).toEqual(errors.map((e) => ({ ...e, message: expect.any(String) })));
  expect(spec.rpc.calls).toHaveLength(0);
}
