import { Injectable } from '@nestjs/common';
import { type HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';

/** A readiness check: resolves when the dependency is usable, rejects (or resolves false) when not. */
export type ReadinessCheck = () => Promise<boolean | void>;

/**
 * Where an app's modules register what `/health/ready` must check (its database, NATS). Register
 * from `onModuleInit` of the provider that owns the dependency. Each check becomes a terminus
 * health indicator: `up` when it resolves, `down` when it rejects, resolves false or takes longer
 * than the probe's timeout.
 */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(private readonly indicators: HealthIndicatorService) {}

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** The registered checks as terminus indicators, each given at most `timeoutMs`. */
  indicatorsFor(timeoutMs: number): HealthIndicatorFunction[] {
    return [...this.checks].map(
      ([name, check]) =>
        () =>
          this.indicators
            .check(name)
            .attempt(async () => {
              if ((await check()) === false) throw new Error(`${name} is not ready`);
            })
            .withTimeout(timeoutMs),
    );
  }
}
