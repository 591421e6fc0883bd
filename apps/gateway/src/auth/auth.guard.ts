import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Actor, ErrorCode, type Role } from '@terpadu/contracts';
import { APP_LOGGER } from '@terpadu/observability';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { Env } from '../config/env';
import { ProblemException } from '../problem/problem.exception';
import { readJurisdiction, readRoles } from './claims';
import { isPublicRoute } from './public.decorator';
import { REQUIRED_ROLES } from './roles.decorator';
import { TokenVerifier, unauthenticated } from './token-verifier';

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;

/**
 * The gateway's one access check, applied to every route (APP_GUARD). Fails closed: a route that
 * has neither `@Public()` (or observability's `@OperationalEndpoint()`, see isPublicRoute) nor
 * `@Roles(...)` is refused. Otherwise it needs a valid bearer token
 * (401) whose roles include one of the route's (403), and puts the caller's Actor on the request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly env: Env,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (isPublicRoute(this.reflector, targets)) return true;

    const required = this.reflector.getAllAndOverride<readonly Role[] | undefined>(REQUIRED_ROLES, targets);
    if (!required || required.length === 0) {
      this.logger.error(
        { handler: `${context.getClass().name}.${context.getHandler().name}` },
        'route without an access rule refused',
      );
      throw new ProblemException(ErrorCode.FORBIDDEN, 'This operation has no access rule');
    }

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    if (!header) throw unauthenticated('A bearer token is required', false);
    const match = BEARER.exec(header);
    if (!match) throw unauthenticated('The Authorization header must be `Bearer <token>`', true);

    const payload = await this.verifier.verify(match[1]);
    const actor: Actor = {
      sub: payload.sub ?? '',
      roles: readRoles(payload, this.env.AUTH_ROLES_CLAIM),
      jurisdiction: readJurisdiction(payload, this.env.AUTH_JURISDICTION_CLAIM),
      requestId: request.id,
    };
    request.actor = actor;
    if (!required.some((role) => actor.roles.includes(role))) {
      throw new ProblemException(ErrorCode.FORBIDDEN, 'Your roles do not allow this operation');
    }
    return true;
  }
}
