import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Clock } from '@terpadu/clock';
import type { CloudEvent } from '@terpadu/contracts';
import { MetricsRegistry } from '@terpadu/observability';
import { Gauge } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import type { AwaitedPersons } from './persons.service';

/**
 * Events that name a person not projected yet wait here, inside the transaction that received
 * them (so the inbox and the wait commit together), until a later event projects that person;
 * then the projection applies them in the same transaction, oldest event first. An event is never
 * parked as a dead letter because its predecessor is late. `/metrics` tells operators how many
 * wait and for how long (a person who never arrives shows there, not in the dead letters).
 */
@Injectable()
export class PendingPersonEvents implements OnModuleInit {
  private readonly logger = new Logger(PendingPersonEvents.name);

  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    const pending = this.summary.bind(this);
    new Gauge({
      name: 'person_projection_pending_events',
      help: 'Population events waiting for a person not projected yet',
      registers: [this.metrics.registry],
      async collect() {
        this.set((await pending()).waiting);
      },
    });
    const clock = this.clock;
    new Gauge({
      name: 'person_projection_oldest_pending_seconds',
      help: 'Age of the oldest population event waiting for a person (0 when none waits)',
      registers: [this.metrics.registry],
      async collect() {
        const { oldestDeferredAt } = await pending();
        this.set(oldestDeferredAt ? (clock.now().getTime() - oldestDeferredAt.getTime()) / 1000 : 0);
      },
    });
  }

  async defer(m: EntityManager, event: CloudEvent<unknown>, awaited: AwaitedPersons): Promise<void> {
    await m.query(
      `INSERT INTO person_pending_events
         (event_id, event_type, event_time, envelope, awaiting_resident_ids, awaiting_niks, deferred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (event_id) DO UPDATE SET awaiting_resident_ids = EXCLUDED.awaiting_resident_ids,
         awaiting_niks = EXCLUDED.awaiting_niks, deferred_at = EXCLUDED.deferred_at`,
      [
        event.id,
        event.type,
        new Date(event.time),
        JSON.stringify(event),
        awaited.residentIds,
        awaited.niks,
        this.clock.now(),
      ],
    );
    // Ids only: never a NIK in a log line.
    this.logger.log(`Event ${event.id} (${event.type}) waits for a person not projected yet`);
  }

  /** Removes and returns, oldest event first, the events that wait for any of these persons. */
  async take(
    m: EntityManager,
    persons: { residentId: string; nik: string }[],
  ): Promise<CloudEvent<unknown>[]> {
    if (persons.length === 0) return [];
    const rows = await m.query<{ envelope: CloudEvent<unknown> }[]>(
      `WITH taken AS (
         DELETE FROM person_pending_events
          WHERE awaiting_resident_ids && $1::uuid[] OR awaiting_niks && $2::varchar[]
          RETURNING event_id, event_time, envelope)
       SELECT envelope FROM taken ORDER BY event_time, event_id`,
      [persons.map((p) => p.residentId), persons.map((p) => p.nik)],
    );
    return rows.map((r) => r.envelope);
  }

  /** How many events wait, and since when the oldest (for operators: a person who never arrives). */
  async summary(): Promise<{ waiting: number; oldestDeferredAt: Date | null }> {
    const [row] = await this.dataSource.query<{ waiting: number; oldest: Date | null }[]>(
      `SELECT count(*)::int AS waiting, min(deferred_at) AS oldest FROM person_pending_events`,
    );
    return { waiting: row.waiting, oldestDeferredAt: row.oldest };
  }
}
