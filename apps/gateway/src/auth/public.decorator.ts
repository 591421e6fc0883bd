import { SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { OPERATIONAL_ENDPOINT } from '@terpadu/observability';

/** Metadata key marking a gateway route that needs no token (the API documentation, letter verification). */
export const IS_PUBLIC_ROUTE = 'terpadu:public-route';

/** Marks a controller or route of the gateway as reachable without a token; the AuthGuard honours it. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_ROUTE, true);

/**
 * Whether the AuthGuard lets a route through without a token: the gateway's own `@Public()` routes,
 * and observability's `@OperationalEndpoint()` controllers (liveness, readiness, metrics), which
 * orchestrators and scrapers call without credentials and which answer nothing about persons.
 * `targets` are the route's handler and its controller class.
 */
export function isPublicRoute(reflector: Reflector, targets: RouteTargets): boolean {
  const marked = (key: string) => reflector.getAllAndOverride<boolean | undefined>(key, targets) === true;
  return marked(IS_PUBLIC_ROUTE) || marked(OPERATIONAL_ENDPOINT);
}

/** A route's handler and its controller class, as the Reflector takes them. */
type RouteTargets = Parameters<Reflector['getAllAndOverride']>[1];
