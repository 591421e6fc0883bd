import { JetStreamApiCodes, JetStreamApiError, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { MsgHdrs, NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  type CloudEvent,
  EVENT_PAYLOADS,
  type EventMap,
  type EventSubject,
  type StreamDefinition,
  streamForSubject,
} from '@terpadu/contracts';

export interface StreamEvent<S extends EventSubject = EventSubject> {
  subject: string;
  msgId: string | undefined;
  event: CloudEvent<EventMap[S]>;
}

/** Every subject the contracts put on `stream` (those with a payload class). */
export function streamSubjects(stream: StreamDefinition): EventSubject[] {
  return (Object.keys(EVENT_PAYLOADS) as EventSubject[]).filter(
    (subject) => streamForSubject(subject)?.name === stream.name,
  );
}

/**
 * Reads one domain stream (EVT_POPULATION, EVT_HEALTH, ...) the way any consumer would: from
 * JetStream, each read through its own ephemeral ordered consumer, deleted afterwards.
 */
export class StreamReader {
  private constructor(
    private readonly nc: NatsConnection,
    readonly stream: StreamDefinition,
  ) {}

  static async connect(natsUrl: string, stream: StreamDefinition): Promise<StreamReader> {
    // @nats-io/transport-node's re-exported types do not resolve under `moduleResolution: node`.
    return new StreamReader((await connect({ servers: natsUrl })) as NatsConnection, stream);
  }

  /** Every event of `subject` now in the stream (none when the stream does not exist yet). */
  async events<S extends EventSubject>(subject: S): Promise<StreamEvent<S>[]> {
    if (streamForSubject(subject)?.name !== this.stream.name)
      throw new Error(`${subject} is not a subject of ${this.stream.name}`);
    return this.read<S>(subject);
  }

  /** Every event now in the stream, of any subject, in stream order. */
  async all(): Promise<StreamEvent[]> {
    return this.read<EventSubject>(undefined);
  }

  /** Waits until an event of `subject` matching `predicate` is in the stream. */
  async waitFor<S extends EventSubject>(
    subject: S,
    predicate: (event: CloudEvent<EventMap[S]>) => boolean,
    timeoutMs = 15_000,
  ): Promise<StreamEvent<S>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.events(subject)).find((e) => predicate(e.event));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no ${subject} event matching the predicate within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /**
   * True when the durable consumers of this stream whose names start with `consumerPrefix` (a
   * service's, `health__`) exist and have every event delivered and acknowledged.
   */
  async consumed(consumerPrefix: string): Promise<boolean> {
    const jsm = await jetstreamManager(this.nc);
    const consumers = await jsm.consumers.list(this.stream.name).next();
    const matching = consumers.filter((c) => c.name.startsWith(consumerPrefix));
    return matching.length > 0 && matching.every((c) => c.num_pending === 0 && c.num_ack_pending === 0);
  }

  async close(): Promise<void> {
    await this.nc.close();
  }

  private async read<S extends EventSubject>(subject: S | undefined): Promise<StreamEvent<S>[]> {
    let consumer;
    try {
      consumer = await jetstream(this.nc).consumers.get(
        this.stream.name,
        subject === undefined ? {} : { filter_subjects: subject },
      );
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return [];
      throw error;
    }
    const out: StreamEvent<S>[] = [];
    try {
      const pending = (await consumer.info(true)).num_pending;
      if (pending === 0) return out;
      for await (const m of await consumer.fetch({ max_messages: pending, expires: 5000 })) {
        out.push({
          subject: m.subject,
          msgId: (m.headers as MsgHdrs | undefined)?.get('Nats-Msg-Id'),
          event: m.json<CloudEvent<EventMap[S]>>(),
        });
        if (out.length >= pending) break;
      }
      return out;
    } finally {
      await consumer.delete().catch(() => undefined);
    }
  }
}
