import { Injectable } from '@nestjs/common';

/** A readiness check: resolves when the dependency is usable, rejects (or resolves false) when not. */
export type ReadinessCheck = () => Promise<boolean | void>;

/**
 * Where an app's modules register what `/health/ready` must check (its database, NATS). Register
 * from `onModuleInit` of the provider that owns the dependency.
 */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  async run(timeoutMs: number): Promise<{ ready: boolean; checks: Record<string, 'up' | 'down'> }> {
    const entries = [...this.checks.entries()];
    const results = await Promise.all(
      entries.map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        });
        const outcome = await Promise.race([
          check().then(
            (value) => value !== false,
            () => false,
          ),
          timeout,
        ]);
        clearTimeout(timer);
        return [name, outcome ? 'up' : 'down'] as const;
      }),
    );
    const checks = Object.fromEntries(results);
    return { ready: results.every(([, state]) => state === 'up'), checks };
  }
}
