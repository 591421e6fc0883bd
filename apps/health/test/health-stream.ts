import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { MsgHdrs, NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { type CloudEvent, type EventMap, type EventSubject, STREAMS } from '@terpadu/contracts';

export interface StreamEvent<S extends EventSubject = EventSubject> {
  subject: string;
  msgId: string | undefined;
  event: CloudEvent<EventMap[S]>;
}

/** Reads EVT_HEALTH the way any consumer would: from JetStream, with an ephemeral ordered read. */
export class HealthStream {
  private constructor(private readonly nc: NatsConnection) {}

  static async connect(url: string): Promise<HealthStream> {
    return new HealthStream((await connect({ servers: url })) as NatsConnection);
  }

  /** Every event of `subject` currently in the stream (none when the stream does not exist yet). */
  async events<S extends EventSubject>(subject: S): Promise<StreamEvent<S>[]> {
    const js = jetstream(this.nc);
    const consumer = await js.consumers
      .get(STREAMS.health.name, { filter_subjects: subject })
      .catch(() => undefined);
    if (!consumer) return [];
    const pending = (await consumer.info(true)).num_pending;
    const out: StreamEvent<S>[] = [];
    if (pending > 0) {
      const messages = await consumer.fetch({ max_messages: pending, expires: 5000 });
      for await (const m of messages) {
        out.push({
          subject: m.subject,
          msgId: (m.headers as MsgHdrs | undefined)?.get('Nats-Msg-Id'),
          event: m.json<CloudEvent<EventMap[S]>>(),
        });
        if (out.length >= pending) break;
      }
    }
    await consumer.delete().catch(() => undefined);
    return out;
  }

  /** True when health's consumers of EVT_POPULATION have every event delivered and acked. */
  async populationConsumed(): Promise<boolean> {
    const jsm = await jetstreamManager(this.nc);
    const consumers = await jsm.consumers.list(STREAMS.population.name).next();
    const health = consumers.filter((c) => c.name.startsWith('health__'));
    return health.length > 0 && health.every((c) => c.num_pending === 0 && c.num_ack_pending === 0);
  }

  async close(): Promise<void> {
    await this.nc.close();
  }
}
