import { serviceEntry, SERVICES } from '@terpadu/contracts';
import { migrateApp, type RunningApp, startApp } from './apps';
import type { TestPostgres } from './postgres';

/**
 * Variables that keep a service's own timers from acting on their own while a spec or a bench
 * runs (specs drive them explicitly). A service with a periodic job adds its switch here.
 */
export const QUIET_TIMERS: Readonly<Record<string, Record<string, string>>> = {
  health: { OVERDUE_SCAN_INTERVAL_MS: '0' },
};

/** Domain services of the registry running as built apps (e2e and bench platforms). */
export interface RunningServices {
  /** The running instance of a service (throws if it was not started). */
  get(name: string): RunningApp;
  /** Its database (specs that check what a crash left behind read it). */
  databaseUrl(name: string): string;
  /** Starts a service again after a stop: same database and NATS, migrations already applied. */
  start(name: string): Promise<RunningApp>;
  names: string[];
  /** Stops every service (reverse start order) and drops their databases. */
  stop(): Promise<void>;
}

/**
 * Starts the named services of the services registry, in the registry's order, each on a fresh
 * database of its own (migrated by its own migrate bundle) and the given NATS. Per-service
 * variables (say, a timer turned off) come in `env`.
 */
export async function startServices(o: {
  postgres: TestPostgres;
  natsUrl: string;
  services: readonly string[];
  env?: Record<string, Record<string, string>>;
}): Promise<RunningServices> {
  for (const name of o.services) serviceEntry(name);
  const names = SERVICES.map((s) => s.name).filter((name) => o.services.includes(name));
  const databases = new Map<string, string>();
  const running = new Map<string, RunningApp>();
  const start = async (name: string) => {
    const databaseUrl = databases.get(name);
    if (!databaseUrl) throw new Error(`${name} is not one of this platform's services`);
    const app = await startApp({
      app: name,
      env: { DATABASE_URL: databaseUrl, NATS_URL: o.natsUrl, ...QUIET_TIMERS[name], ...o.env?.[name] },
    });
    running.set(name, app);
    return app;
  };
  const stop = async () => {
    for (const name of [...names].reverse()) await running.get(name)?.stop();
    for (const url of databases.values()) await o.postgres.dropDatabase(url);
  };
  try {
    for (const name of names) {
      const url = await o.postgres.createDatabase(`${name.replace(/-/g, '_')}_platform`);
      databases.set(name, url);
      await migrateApp(name, url);
      await start(name);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    names,
    get(name) {
      const app = running.get(name);
      if (!app) throw new Error(`${name} is not running on this platform`);
      return app;
    },
    databaseUrl(name) {
      const url = databases.get(name);
      if (!url) throw new Error(`${name} is not one of this platform's services`);
      return url;
    },
    start,
    stop,
  };
}
