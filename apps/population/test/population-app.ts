import { migrateService } from '@terpadu/service-kit';
import { type ServiceTestApp, startServiceTestApp } from '@terpadu/service-testing';
import { startNats, startPostgres, type TestClock, type TestNats, type TestPostgres } from '@terpadu/testing';
import { AppModule } from '../src/app.module';
import type { Env } from '../src/config/env';
import { POPULATION_SERVICE } from '../src/database/data-source';

export interface PopulationTestApp extends ServiceTestApp {
  databaseUrl: string;
  nats: TestNats;
  postgres: TestPostgres;
}

/** Another population instance on the suite's database and NATS (a replica, or after a restart). */
export function startPopulationInstance(
  t: Pick<PopulationTestApp, 'databaseUrl' | 'nats'>,
  o: { env?: Partial<Env>; clock?: TestClock; overrides?: Array<[unknown, unknown]> } = {},
): Promise<ServiceTestApp> {
  return startServiceTestApp({
    service: POPULATION_SERVICE,
    module: (env) => AppModule.forRoot(env),
    databaseUrl: t.databaseUrl,
    natsUrl: t.nats.url,
    ...o,
  });
}

/**
 * The population service in this process, against a fresh database (migrated once) and a throwaway
 * NATS with JetStream; requests travel over real NATS through the same RpcClient the gateway uses.
 */
export async function startPopulationApp(envOverrides: Partial<Env> = {}): Promise<PopulationTestApp> {
  const postgres: TestPostgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase('population');
  await migrateService(POPULATION_SERVICE, databaseUrl);
  const nats = await startNats();
  const instance = await startPopulationInstance({ databaseUrl, nats }, { env: envOverrides });
  return {
    ...instance,
    databaseUrl,
    nats,
    postgres,
    async close() {
      await instance.close();
      await nats.destroy();
      await postgres.stop();
    },
  };
}
