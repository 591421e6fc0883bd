import { randomUUID } from 'node:crypto';
import { AckPolicy, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  ANC_VISIT_RECORDED_V1,
  type CloudEvent,
  IMMUNIZATION_GIVEN_V1,
  IMMUNIZATION_OVERDUE_V1,
  INSURANCE_CHANGED_V1,
  RESIDENT_REGISTERED_V1,
  STREAMS,
} from '@terpadu/contracts';
import { startNats, type TestNats } from './nats';
import { StreamReader, streamSubjects } from './stream-reader';

describe(StreamReader.name, () => {
  let nats: TestNats;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let reader: StreamReader;

  /** Publishes a CloudEvent as a relay does (`Nats-Msg-Id` = event id); resolves with the envelope. */
  const publish = async (type: string, data: Record<string, unknown>): Promise<CloudEvent<unknown>> => {
    const event = {
      specversion: '1.0' as const,
      id: randomUUID(),
      source: 'terpadu/health',
      type,
      time: '2026-11-30T03:00:00.000Z',
      datacontenttype: 'application/json' as const,
      data,
    };
    const h = headers();
    h.set('Nats-Msg-Id', event.id);
    await jetstream(nc).publish(type, JSON.stringify(event), { headers: h });
    return event;
  };
  const consumers = async () => (await jsm.consumers.list(STREAMS.health.name).next()).map((c) => c.name);

  beforeAll(async () => {
    nats = await startNats();
    nc = (await connect({ servers: nats.url })) as NatsConnection;
    jsm = await jetstreamManager(nc);
    reader = await StreamReader.connect(nats.url, STREAMS.health);
  });
  afterAll(async () => {
    await reader?.close();
    await nc?.close();
    await nats?.destroy();
  });

  it('reads nothing while the stream does not exist', async () => {
    await expect(reader.events(IMMUNIZATION_GIVEN_V1)).resolves.toEqual([]);
    await expect(reader.all()).resolves.toEqual([]);
  });

  it('reads the events of one subject, or all in stream order, and leaves no consumer behind', async () => {
    await jsm.streams.add({ name: STREAMS.health.name, subjects: [...STREAMS.health.subjects] });
    const given = await publish(IMMUNIZATION_GIVEN_V1, { n: 1 });
    const visit = await publish(ANC_VISIT_RECORDED_V1, { n: 2 });
    const givenAgain = await publish(IMMUNIZATION_GIVEN_V1, { n: 3 });

    await expect(reader.events(IMMUNIZATION_GIVEN_V1)).resolves.toEqual([
      { subject: IMMUNIZATION_GIVEN_V1, msgId: given.id, event: given },
      { subject: IMMUNIZATION_GIVEN_V1, msgId: givenAgain.id, event: givenAgain },
    ]);
    await expect(reader.events(INSURANCE_CHANGED_V1)).resolves.toEqual([]);
    // Reading consumes nothing: a second read sees the same.
    await expect(reader.all()).resolves.toEqual(
      [given, visit, givenAgain].map((event) => ({ subject: event.type, msgId: event.id, event })),
    );
    await expect(reader.all()).resolves.toHaveLength(3);
    await expect(consumers()).resolves.toEqual([]);
  });

  it('refuses a subject of another stream instead of reading nothing', async () => {
    await expect(reader.events(RESIDENT_REGISTERED_V1)).rejects.toThrow(
      `${RESIDENT_REGISTERED_V1} is not a subject of EVT_HEALTH`,
    );
  });

  it('waits for a matching event, and fails when none comes in time', async () => {
    const found = reader.waitFor(INSURANCE_CHANGED_V1, (e) => e.data.class === 2);
    await publish(INSURANCE_CHANGED_V1, { class: 3 });
    const second = await publish(INSURANCE_CHANGED_V1, { class: 2 });
    await expect(found).resolves.toMatchObject({ msgId: second.id, event: { data: { class: 2 } } });
    await expect(reader.waitFor(INSURANCE_CHANGED_V1, (e) => e.data.class === 1, 300)).rejects.toThrow(
      `no ${INSURANCE_CHANGED_V1} event matching the predicate within 300 ms`,
    );
  });

  it('tells when the durable consumers of a prefix have every event delivered and acknowledged', async () => {
    await expect(reader.consumed('social__')).resolves.toBe(false);
    const durable = (name: string) =>
      jsm.consumers.add(STREAMS.health.name, { durable_name: name, ack_policy: AckPolicy.Explicit });
    await durable('social__insurance');
    await durable('cases__insurance');
    await expect(reader.consumed('social__')).resolves.toBe(false);

    const consumer = await jetstream(nc).consumers.get(STREAMS.health.name, 'social__insurance');
    const total = (await consumer.info()).num_pending;
    expect(total).toBeGreaterThan(0);
    const messages = [];
    for await (const m of await consumer.fetch({ max_messages: total, expires: 5000 })) {
      messages.push(m);
      if (messages.length === total) break;
    }
    // Delivered, not yet acknowledged.
    await expect(reader.consumed('social__')).resolves.toBe(false);
    for (const m of messages) await m.ackAck();
    await expect(reader.consumed('social__')).resolves.toBe(true);
    // cases__insurance has read nothing.
    await expect(reader.consumed('cases__')).resolves.toBe(false);
  });

  it('lists every subject the contracts put on a stream', () => {
    expect(new Set(streamSubjects(STREAMS.health))).toEqual(
      new Set([ANC_VISIT_RECORDED_V1, IMMUNIZATION_GIVEN_V1, IMMUNIZATION_OVERDUE_V1, INSURANCE_CHANGED_V1]),
    );
    expect(streamSubjects(STREAMS.population)).toContain(RESIDENT_REGISTERED_V1);
    expect(streamSubjects(STREAMS.population)).not.toContain(INSURANCE_CHANGED_V1);
  });
});
