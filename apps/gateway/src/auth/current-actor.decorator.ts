import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@terpadu/contracts';
import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the AuthGuard on every authenticated request. */
    actor?: Actor;
  }
}

/** The authenticated caller, as the AuthGuard found it; passed on in every RPC request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<FastifyRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
