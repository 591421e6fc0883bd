import { PopulationProducer, type ServiceTestApp, startServiceTestApp } from '@terpadu/service-testing';
import { startNats, startPostgres, type TestNats, type TestPostgres } from '@terpadu/testing';
import { migrateService } from '@terpadu/service-kit';
import { AppModule } from '../src/app.module';
import { HEALTH_SERVICE } from '../src/database/data-source';

/** PostgreSQL, NATS, the health database (migrated) and a population event producer for a suite. */
export interface HealthInfra {
  postgres: TestPostgres;
  nats: TestNats;
  databaseUrl: string;
  population: PopulationProducer;
  stop(): Promise<void>;
}

export async function startInfra(): Promise<HealthInfra> {
  const postgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase('health');
  await migrateService(HEALTH_SERVICE, databaseUrl);
  const nats = await startNats();
  const population = await PopulationProducer.start(postgres, nats.url);
  return {
    postgres,
    nats,
    databaseUrl,
    population,
    async stop() {
      await population.stop();
      await nats.destroy();
      await postgres.stop();
    },
  };
}

export type HealthTestApp = ServiceTestApp;

/**
 * One health service instance in this process against the suite's database and NATS, its clock a
 * TestClock and its overdue scan off (specs call OverdueScanService.scan). Start two for two
 * replicas.
 */
export function startHealthApp(infra: HealthInfra): Promise<HealthTestApp> {
  return startServiceTestApp({
    service: HEALTH_SERVICE,
    module: (env) => AppModule.forRoot(env),
    databaseUrl: infra.databaseUrl,
    natsUrl: infra.nats.url,
    env: { OVERDUE_SCAN_INTERVAL_MS: 0 },
  });
}
