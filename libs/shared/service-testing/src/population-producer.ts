import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { type CloudEvent, type EventMap, type EventSubject, STREAMS } from '@terpadu/contracts';
import { createDataSourceOptions, MESSAGING_MIGRATIONS } from '@terpadu/database';
import { Clock, ClockModule } from '@terpadu/clock';
import { ensureStream, MessagingModule, OutboxService } from '@terpadu/messaging';
import { DataSource } from 'typeorm';
import { type TestPostgres, TestClock } from '@terpadu/testing';

/**
 * Stands in for the population service on the event side: its own scratch database with the
 * messaging tables, and the real OutboxService and relay of `@terpadu/messaging` under the service
 * name `population`. So events reach EVT_POPULATION exactly as population's own would: CloudEvents
 * envelope, `Nats-Msg-Id` = event id, traceparent header, published after commit. Its `clock`
 * gives the events their `time` (as population's Clock does): from 2026-11-30 10:00 in Jakarta,
 * 1 ms later for each event published.
 */
export class PopulationProducer {
  private constructor(
    private readonly context: INestApplicationContext,
    private readonly natsUrl: string,
    readonly clock: TestClock,
  ) {}

  static async start(postgres: TestPostgres, natsUrl: string): Promise<PopulationProducer> {
    const url = await postgres.createDatabase('population_producer');
    const setup = new DataSource(
      createDataSourceOptions({ url, entities: [], migrations: MESSAGING_MIGRATIONS }),
    );
    await setup.initialize();
    await setup.runMigrations();
    await setup.destroy();
    const clock = new TestClock();
    const moduleRef = await Test.createTestingModule({
      imports: [
        ClockModule.forRoot(clock.timeZone),
        TypeOrmModule.forRoot(createDataSourceOptions({ url, entities: [], migrations: [], poolSize: 3 })),
        MessagingModule.forRoot({ service: 'population', natsUrl, relayPollIntervalMs: 200 }),
      ],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    await moduleRef.init();
    return new PopulationProducer(moduleRef, natsUrl, clock);
  }

  /**
   * Commits the event to the outbox (one transaction); the relay publishes it. Resolves with its id.
   * The clock then moves on 1 ms, so each commit is later than the one before, as in population.
   */
  async publish<S extends EventSubject>(subject: S, data: EventMap[S], entityId?: string): Promise<string> {
    const outbox = this.context.get(OutboxService);
    const id = await this.context
      .get(DataSource)
      .transaction((m) => outbox.add(m, subject, data, entityId !== undefined ? { entityId } : undefined));
    this.clock.set(new Date(this.clock.now().getTime() + 1));
    return id;
  }

  /** The committed envelope of an event, as the relay publishes it. */
  async envelope<S extends EventSubject>(eventId: string): Promise<CloudEvent<EventMap[S]>> {
    const [row] = await this.context
      .get(DataSource)
      .query<{ envelope: CloudEvent<EventMap[S]> }[]>(`SELECT envelope FROM outbox WHERE id = $1`, [eventId]);
    return row.envelope;
  }

  /** True once the relay has published every committed event. */
  async drained(): Promise<boolean> {
    const [row] = await this.context
      .get(DataSource)
      .query<{ unsent: number }[]>(`SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL`);
    return row.unsent === 0;
  }

  /** An envelope as population's outbox writes one, with a chosen commit time. */
  envelopeOf<S extends EventSubject>(subject: S, data: EventMap[S], time: string): CloudEvent<EventMap[S]> {
    return {
      specversion: '1.0',
      id: randomUUID(),
      source: 'terpadu/population',
      type: subject,
      time,
      datacontenttype: 'application/json',
      data,
    };
  }

  /** Publishes an envelope to EVT_POPULATION as the relay does (`Nats-Msg-Id` = event id). */
  async publishDirect(event: CloudEvent<unknown>, msgId: string = event.id): Promise<void> {
    const nc = (await connect({ servers: this.natsUrl })) as NatsConnection;
    try {
      await ensureStream(await jetstreamManager(nc), STREAMS.population, {
        duplicateWindowMs: 120_000,
        maxAgeMs: 0,
        maxBytes: 0,
        owner: false,
      });
      const h = headers();
      h.set('Nats-Msg-Id', msgId);
      await jetstream(nc).publish(event.type, JSON.stringify(event), { headers: h });
    } finally {
      await nc.close();
    }
  }

  /**
   * Delivers an already published event once more, as JetStream would after a lost ack or a
   * publisher retry past the dedupe window: the same envelope (same event id) under a new message id.
   */
  async redeliver(eventId: string): Promise<void> {
    await this.publishDirect(await this.envelope(eventId), randomUUID());
  }

  async stop(): Promise<void> {
    await this.context.close();
  }
}
