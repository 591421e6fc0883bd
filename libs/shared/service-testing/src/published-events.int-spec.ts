import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { type CloudEvent, INSURANCE_CHANGED_V1, type InsuranceChangedV1, STREAMS } from '@terpadu/contracts';
import { createDataSourceOptions, MESSAGING_MIGRATIONS } from '@terpadu/database';
import { startNats, startPostgres, streamSubjects, type TestNats, type TestPostgres } from '@terpadu/testing';
import { DataSource } from 'typeorm';
import { publishedEvents } from './published-events';

const membership = (overrides: Partial<InsuranceChangedV1> = {}): InsuranceChangedV1 => ({
  residentId: randomUUID(),
  nik: '3174044207910002',
  class: 3,
  pbi: true,
  activeFrom: '2026-01-01',
  activeUntil: null,
  villageCode: '3174041003',
  familyCardNumber: '3174043011260001',
  changedAt: '2026-11-30T03:00:00.000Z',
  ...overrides,
});

/** A service's outbox (the messaging tables) and its stream, written by hand as a relay would. */
describe(publishedEvents.name, () => {
  let postgres: TestPostgres;
  let nats: TestNats;
  let dataSource: DataSource;
  let nc: NatsConnection;

  /** Commits an event to the outbox, unsent. */
  const commit = async (data: unknown): Promise<CloudEvent<unknown>> => {
    const envelope = {
      specversion: '1.0' as const,
      id: randomUUID(),
      source: 'terpadu/health',
      type: INSURANCE_CHANGED_V1,
      time: '2026-11-30T03:00:00.000Z',
      datacontenttype: 'application/json' as const,
      data,
    };
    await dataSource.query(`INSERT INTO outbox (id, subject, envelope, headers) VALUES ($1, $2, $3, '{}')`, [
      envelope.id,
      envelope.type,
      JSON.stringify(envelope),
    ]);
    return envelope;
  };
  /** Publishes a committed event to the stream and marks it sent. */
  const send = async (envelope: CloudEvent<unknown>): Promise<void> => {
    const h = headers();
    h.set('Nats-Msg-Id', envelope.id);
    await jetstream(nc).publish(envelope.type, JSON.stringify(envelope), { headers: h });
    await dataSource.query(`UPDATE outbox SET sent_at = now() WHERE id = $1`, [envelope.id]);
  };

  beforeAll(async () => {
    postgres = await startPostgres();
    nats = await startNats();
    const url = await postgres.createDatabase('published_events');
    dataSource = new DataSource(
      createDataSourceOptions({ url, entities: [], migrations: MESSAGING_MIGRATIONS }),
    );
    await dataSource.initialize();
    await dataSource.runMigrations();
    nc = (await connect({ servers: nats.url })) as NatsConnection;
    await (
      await jetstreamManager(nc)
    ).streams.add({ name: STREAMS.health.name, subjects: [...STREAMS.health.subjects] });
  });
  afterAll(async () => {
    await nc?.close();
    await dataSource?.destroy();
    await nats?.destroy();
    await postgres?.stop();
  });

  it('reads back every event with the outbox count, the invalid payloads with their field errors', async () => {
    const valid = await commit(membership());
    const invalid = await commit(membership({ class: 4 as 3 }));
    const ended = await commit(membership({ activeUntil: '2026-10-31' }));
    for (const event of [valid, invalid, ended]) await send(event);

    const published = await publishedEvents(dataSource, nats.url, STREAMS.health);
    expect(published.events.map((e) => e.event)).toEqual([valid, invalid, ended]);
    expect(published.outboxTotal).toBe(3);
    expect(published.invalid).toEqual([
      {
        type: INSURANCE_CHANGED_V1,
        id: invalid.id,
        errors: [{ field: 'class', code: 'isIn', message: 'class must be 1, 2 or 3' }],
      },
    ]);
    expect(published.subjects).toEqual(streamSubjects(STREAMS.health));
    expect(published.dataOf(INSURANCE_CHANGED_V1).map((d) => d.activeUntil)).toEqual([
      null,
      null,
      '2026-10-31',
    ]);
  });

  it('waits until every outbox row is sent before it reads the stream', async () => {
    const late = await commit(membership());
    let settled = false;
    const reading = publishedEvents(dataSource, nats.url, STREAMS.health).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(settled).toBe(false);
    await send(late);
    const published = await reading;
    expect(published.outboxTotal).toBe(4);
    expect(published.events.map((e) => e.event.id)).toContain(late.id);
    expect(published.events).toHaveLength(4);
  });
});
