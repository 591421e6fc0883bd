import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Before consumers had explicit names, each population handler was its own consumer. */
const OLD_CONSUMERS: Record<string, string> = {
  'evt.population.resident.registered.v1': 'health__PopulationEventsHandler-onResidentRegistered',
  'evt.population.birth.registered.v1': 'health__PopulationEventsHandler-onBirthRegistered',
  'evt.population.resident.updated.v1': 'health__PopulationEventsHandler-onResidentUpdated',
  'evt.population.family-card.changed.v1': 'health__PopulationEventsHandler-onFamilyCardChanged',
  'evt.population.death.registered.v1': 'health__PopulationEventsHandler-onDeathRegistered',
  'evt.population.resident.moved-out.v1': 'health__PopulationEventsHandler-onResidentMovedOut',
  'evt.population.resident.moved-in.v1': 'health__PopulationEventsHandler-onResidentMovedIn',
};
const CONSUMER = 'health__person-projection';

/**
 * Health's population events now run on one consumer named `person-projection`. Its inbox and dead
 * letters take over those of the seven per-handler consumers, so that the new durable consumer,
 * which reads the stream from its start, gives no event a second effect and the parked events
 * stay replayable.
 */
export class AdoptPersonProjectionConsumer1796010000007 implements MigrationInterface {
  name = 'AdoptPersonProjectionConsumer1796010000007';

  async up(q: QueryRunner): Promise<void> {
    const old = Object.values(OLD_CONSUMERS);
    await q.query(
      `INSERT INTO inbox (consumer, event_id, handled_at)
       SELECT $1, event_id, min(handled_at) FROM inbox WHERE consumer = ANY($2) GROUP BY event_id
       ON CONFLICT DO NOTHING`,
      [CONSUMER, old],
    );
    await q.query(`UPDATE dead_letters SET consumer = $1 WHERE consumer = ANY($2)`, [CONSUMER, old]);
  }

  async down(q: QueryRunner): Promise<void> {
    const old = Object.values(OLD_CONSUMERS);
    await q.query(
      `DELETE FROM inbox n WHERE n.consumer = $1
          AND EXISTS (SELECT 1 FROM inbox o WHERE o.consumer = ANY($2) AND o.event_id = n.event_id)`,
      [CONSUMER, old],
    );
    for (const [type, consumer] of Object.entries(OLD_CONSUMERS)) {
      await q.query(`UPDATE dead_letters SET consumer = $1 WHERE consumer = $2 AND event_type = $3`, [
        consumer,
        CONSUMER,
        type,
      ]);
    }
  }
}
