import { Role } from '@terpadu/contracts';
import { generateDemoVillage, toSiakCsv } from '@terpadu/testing';
import { Client } from 'pg';
import { type Platform, type TokenClaims, startPlatform } from './platform';

/**
 * The person projection across a crash (issue 7, defect 2): health is killed with SIGKILL in the
 * middle of population's stream (an import's registrations and family-card changes) and started
 * again. The crashed instance's unacknowledged events come back only after the ack wait, after the
 * events that depend on them; none of them may end as a dead letter, and every person's family
 * card in health must match population's.
 */
const REGISTRAR: TokenClaims = { roles: [Role.Registrar], jurisdiction: ['3174'] };

describe('the person projection when its consumer is killed mid-stream', () => {
  let platform: Platform;
  let population: Client;
  let health: Client;

  beforeAll(async () => {
    platform = await startPlatform({}, { services: ['population', 'health'] });
    population = new Client({ connectionString: platform.services.databaseUrl('population') });
    health = new Client({ connectionString: platform.services.databaseUrl('health') });
    await population.connect();
    await health.connect();
  });
  afterAll(async () => {
    await population?.end();
    await health?.end();
    await platform?.stop();
  });

  const count = async (db: Client, sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n;

  it('parks no event and ends with every card as population has it', async () => {
    const records = generateDemoVillage({ households: 150, seed: 7 });
    const res = await fetch(`${platform.gateway.url}/v1/imports/residents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await platform.token(REGISTRAR)}`, 'content-type': 'text/csv' },
      body: toSiakCsv(records),
    });
    expect(res.status).toBe(202);

    // Kill health once it has handled part of the stream, not all of it.
    const deadline = Date.now() + 60_000;
    let handled = 0;
    while (handled < 150) {
      if (Date.now() > deadline) throw new Error(`health handled only ${handled} events`);
      handled = await count(health, `SELECT count(*)::int AS n FROM inbox`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await platform.services.get('health').stop('SIGKILL');
    const atCrash = await count(health, `SELECT count(*)::int AS n FROM inbox`);
    await platform.services.start('health');

    // Caught up: every resident projected, nothing waiting, every event population published handled.
    const residents = records.length;
    const caughtUp = Date.now() + 90_000;
    for (;;) {
      const [persons, waiting, published, inbox, parked] = await Promise.all([
        count(health, `SELECT count(*)::int AS n FROM persons`),
        count(health, `SELECT count(*)::int AS n FROM person_pending_events`),
        count(population, `SELECT count(*)::int AS n FROM outbox`),
        count(health, `SELECT count(*)::int AS n FROM inbox`),
        count(health, `SELECT count(*)::int AS n FROM dead_letters`),
      ]);
      // A parked event is the failure this spec is about: say so at once.
      expect({ parked }).toEqual({ parked: 0 });
      if (persons === residents && waiting === 0 && inbox === published) break;
      if (Date.now() > caughtUp) {
        throw new Error(
          `not caught up: ${persons}/${residents} persons, ${waiting} waiting, ${inbox}/${published} handled`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(atCrash).toBeLessThan(await count(population, `SELECT count(*)::int AS n FROM outbox`));

    const cards = async (db: Client, sql: string) =>
      new Map((await db.query<{ nik: string; card: string | null }>(sql)).rows.map((r) => [r.nik, r.card]));
    const inPopulation = await cards(
      population,
      `SELECT r.nik, c.number AS card FROM residents r
         LEFT JOIN family_card_members m ON m.resident_id = r.id AND m.left_at IS NULL
         LEFT JOIN family_cards c ON c.id = m.family_card_id`,
    );
    const inHealth = await cards(health, `SELECT nik, family_card_number AS card FROM persons`);
    expect(inPopulation.size).toBe(residents);
    expect(inHealth).toEqual(inPopulation);
  });
});
