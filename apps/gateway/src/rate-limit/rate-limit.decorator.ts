import { SetMetadata } from '@nestjs/common';
import type { Env } from '../config/env';

export const ROUTE_RATE_LIMIT = 'terpadu:route-rate-limit';

/** Reads a route's requests per minute from the configuration (0: no limit on that route). */
export type RouteRateLimit = (env: Env) => number;

/**
 * A route's own limit per client address, instead of RATE_LIMIT_PER_MINUTE: stricter for a public
 * route that answers without a login (`@RateLimit((env) => env.VERIFY_RATE_LIMIT_PER_MINUTE)`). It
 * applies even when the global limit is off.
 */
export const RateLimit = (perMinute: RouteRateLimit): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_RATE_LIMIT, perMinute);
