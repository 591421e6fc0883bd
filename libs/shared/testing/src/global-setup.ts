import { natsPlan } from './nats';
import { postgresPlan } from './postgres';

/**
 * Jest's global setup (jest.config.js): before any suite runs, checks once that the tests can get
 * PostgreSQL and NATS on this machine. When one is missing the run stops here with one message
 * saying which and how to get it, instead of the same failure in every suite. A run of unit specs
 * only (`npm run test:unit` leaves out int-spec and e2e-spec files) needs neither.
 */
export default async function checkTestInfrastructure(
  _globalConfig: unknown,
  projectConfig: { testPathIgnorePatterns?: string[] },
): Promise<void> {
  if (projectConfig.testPathIgnorePatterns?.some((p) => p.includes('int-spec'))) return;
  const problems = new Set<string>();
  for (const plan of [postgresPlan(), natsPlan()]) {
    await plan.catch((error: unknown) =>
      problems.add(error instanceof Error ? error.message : String(error)),
    );
  }
  if (problems.size > 0) throw new Error(`The tests cannot run here:\n- ${[...problems].join('\n- ')}`);
}
