import { jetstream } from '@nats-io/jetstream';
import type { MsgHdrs, NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { type CloudEvent, type EventMap, type EventSubject, STREAMS } from '@terpadu/contracts';

export interface StreamEvent<S extends EventSubject = EventSubject> {
  subject: string;
  msgId: string | undefined;
  event: CloudEvent<EventMap[S]>;
}

/** Reads the population stream (EVT_POPULATION) the way any consumer would: from JetStream. */
export class PopulationStream {
  private constructor(private readonly nc: NatsConnection) {}

  static async connect(url: string): Promise<PopulationStream> {
    // @nats-io/transport-node's re-exported types do not resolve under `moduleResolution: node`.
    return new PopulationStream((await connect({ servers: url })) as NatsConnection);
  }

  /** Every event of `subject` currently in the stream (none when the stream does not exist yet). */
  async events<S extends EventSubject>(subject: S): Promise<StreamEvent<S>[]> {
    const js = jetstream(this.nc);
    const consumer = await js.consumers
      .get(STREAMS.population.name, { filter_subjects: subject })
      .catch(() => undefined);
    if (!consumer) return [];
    const info = await consumer.info(true);
    const pending = info.num_pending;
    const out: StreamEvent<S>[] = [];
    if (pending === 0) return out;
    const messages = await consumer.fetch({ max_messages: pending, expires: 5000 });
    for await (const m of messages) {
      const headers = m.headers as MsgHdrs | undefined;
      out.push({
        subject: m.subject,
        msgId: headers?.get('Nats-Msg-Id'),
        event: m.json<CloudEvent<EventMap[S]>>(),
      });
      if (out.length >= pending) break;
    }
    await consumer.delete().catch(() => undefined);
    return out;
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

  async close(): Promise<void> {
    await this.nc.close();
  }
}
