import type { EventMap, EventSubject, FieldError, StreamDefinition } from '@terpadu/contracts';
import { validateEventPayload } from '@terpadu/messaging';
import { eventually, type StreamEvent, StreamReader, streamSubjects } from '@terpadu/testing';
import type { DataSource } from 'typeorm';

export interface InvalidEvent {
  type: string;
  id: string;
  /** The field errors of `validateEventPayload`. */
  errors: FieldError[];
}

export interface PublishedEvents {
  /** Every event now on the stream, in stream order. */
  events: StreamEvent[];
  /** Rows in the service's outbox, every one of them sent. */
  outboxTotal: number;
  /** The events whose payload fails its contract class, with the field errors. */
  invalid: InvalidEvent[];
  /** Every subject the contracts put on the stream. */
  subjects: EventSubject[];
  /** The payloads of the events of one subject. */
  dataOf: <S extends EventSubject>(subject: S) => EventMap[S][];
}

/**
 * What a service has published on its stream, read back as its consumers read it: waits until its
 * relay has sent every outbox row (fails after the `eventually` deadline otherwise), then reads
 * every event of the stream and validates each payload against its contract class, as consumers do.
 * The spec asserts: `events` as many as `outboxTotal`, `invalid` empty, and what it covered.
 */
export async function publishedEvents(
  dataSource: DataSource,
  natsUrl: string,
  stream: StreamDefinition,
): Promise<PublishedEvents> {
  await eventually(async () => {
    const [{ unsent }] = await dataSource.query<{ unsent: number }[]>(
      `SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL`,
    );
    if (unsent !== 0) throw new Error(`${unsent} outbox rows not sent to ${stream.name}`);
  });
  const [{ total }] = await dataSource.query<{ total: number }[]>(
    `SELECT count(*)::int AS total FROM outbox`,
  );
  const reader = await StreamReader.connect(natsUrl, stream);
  const events = await reader.all().finally(() => reader.close());
  const invalid: InvalidEvent[] = events
    .map(({ event }) => ({
      type: event.type,
      id: event.id,
      errors: validateEventPayload(event.type, event.data),
    }))
    .filter((e) => e.errors.length > 0);
  return {
    events,
    outboxTotal: total,
    invalid,
    subjects: streamSubjects(stream),
    dataOf: <S extends EventSubject>(subject: S) =>
      events.filter((e): e is StreamEvent<S> => e.event.type === subject).map((e) => e.event.data),
  };
}
