import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Clock } from '@terpadu/clock';
import { ErrorCode } from '@terpadu/contracts';
import type { FastifyRequest } from 'fastify';
import { Env } from '../config/env';
import { ProblemException } from '../problem/problem.exception';
import { ROUTE_RATE_LIMIT, type RouteRateLimit } from './rate-limit.decorator';

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** The limit of the bucket's route: requests per minute, also the burst. */
  capacity: number;
}

/** Tokens a bucket of `capacity` requests per minute gets back per millisecond. */
const perMs = (capacity: number): number => capacity / 60_000;

/** Above this many tracked buckets, idle (refilled) ones are dropped so memory stays bounded. */
const SWEEP_ABOVE = 50_000;

/**
 * A token bucket per client address and route: RATE_LIMIT_PER_MINUTE requests in a burst, refilled
 * continuously at the same rate per minute. 0 turns it off (load tests). Over the limit: 429
 * RATE_LIMITED with `Retry-After`. Per process: with N replicas a client gets up to N times the
 * limit, which is what a per-replica guard against floods is for; a global quota belongs at the
 * ingress. A route marked `@RateLimit(...)` has its own limit instead (see rate-limit.decorator.ts).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;

  constructor(
    private readonly clock: Clock,
    private readonly env: Env,
    private readonly reflector: Reflector,
  ) {
    this.capacity = env.RATE_LIMIT_PER_MINUTE;
  }

  canActivate(context: ExecutionContext): boolean {
    const routeLimit = this.reflector.getAllAndOverride<RouteRateLimit | undefined>(ROUTE_RATE_LIMIT, [
      context.getHandler(),
      context.getClass(),
    ]);
    const capacity = routeLimit ? routeLimit(this.env) : this.capacity;
    if (capacity === 0) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = `${request.ip} ${request.method} ${request.routeOptions.url ?? '?'}`;
    const now = this.clock.now().getTime();
    const bucket = this.refill(key, now, capacity);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return true;
    }
    const retryAfterS = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs(capacity) / 1000));
    throw new ProblemException(
      ErrorCode.RATE_LIMITED,
      `Too many requests; retry in ${retryAfterS} s`,
      undefined,
      {
        'retry-after': String(retryAfterS),
      },
    );
  }

  private refill(key: string, now: number, capacity: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= SWEEP_ABOVE) this.sweep(now);
      bucket = { tokens: capacity, updatedAt: now, capacity };
      this.buckets.set(key, bucket);
      return bucket;
    }
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * perMs(capacity));
    bucket.updatedAt = now;
    return bucket;
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * perMs(bucket.capacity) >= bucket.capacity)
        this.buckets.delete(key);
    }
  }
}
