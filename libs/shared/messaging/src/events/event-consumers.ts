import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AckPolicy,
  type ConsumerMessages,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { type MsgHdrs, nanos } from '@nats-io/nats-core';
import {
  type CloudEvent,
  type EventSubject,
  type FieldError,
  type StreamDefinition,
  streamForSubject,
} from '@terpadu/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from '../messaging.options';
import { delay, unlessAborted } from '../nats/abort';
import { errorText, NatsClient } from '../nats/nats-client';
import { validateEventPayload } from './payload-validation';
import { ensureStream, isNotFound, streamSettings } from './streams';
import { childTraceparent, runWithTraceparent } from './trace-context';

export type AnyEventHandler = (event: CloudEvent<unknown>, manager: EntityManager) => Promise<void>;

export interface EventHandlerRegistration {
  /** Durable consumer name, also the inbox/dead-letter `consumer`: `<service>__<@EventConsumer name>`. */
  consumer: string;
  /** The subjects it handles, each by one handler; all in one stream. */
  handlers: ReadonlyMap<EventSubject, AnyEventHandler>;
  stream: StreamDefinition;
  /** What the durable consumer is filtered on: the one subject, or the stream's subjects for several. */
  filterSubject: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PENDING = 256;

/** An event whose payload its contract class refuses: parked at once, never retried. */
export class InvalidEventPayloadError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`Invalid ${errors.length === 1 ? 'field' : 'fields'} in the payload: ${JSON.stringify(errors)}`);
    this.name = 'InvalidEventPayloadError';
  }
}

/** A JetStream consumer name from a service and a consumer's name (letters, digits, `_` and `-` only). */
export function consumerName(service: string, name: string): string {
  return `${service}__${name}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

/**
 * Runs every registered consumer (an @EventConsumer class) on its own durable pull consumer, one
 * message at a time in stream order; a message whose subject the consumer has no handler for is
 * acked at once.
 *
 * Per message: one transaction inserts (consumer, event id) into the inbox and runs the handler;
 * only after it commits is the message acked. A duplicate (the inbox row exists) is acked without
 * running the handler. A failure is nak'ed with exponential backoff; at the last allowed delivery
 * it is parked in dead_letters with its error and terminated. Each consumer loop survives NATS
 * restarts and recreates its stream and consumer if they disappear.
 */
@Injectable()
export class EventConsumers {
  private readonly logger = new Logger(EventConsumers.name);
  private readonly registrations = new Map<string, EventHandlerRegistration>();
  private readonly active = new Set<ConsumerMessages>();
  private stopping: AbortController | undefined;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly nats: NatsClient,
  ) {}

  /** Adds a consumer; MessagingModule registers every @EventConsumer class before start(). */
  register(name: string, handlers: ReadonlyMap<EventSubject, AnyEventHandler>): EventHandlerRegistration {
    const subjects = [...handlers.keys()];
    const streams = new Set(subjects.map((subject) => streamForSubject(subject)));
    const [stream] = streams;
    if (!stream) throw new Error(`No stream captures ${subjects.join(', ')}: add its domain to STREAMS`);
    if (streams.size > 1) {
      throw new Error(`Consumer ${name} handles subjects of several streams: one consumer reads one stream`);
    }
    if (subjects.length > 1 && stream.subjects.length !== 1) {
      throw new Error(`Consumer ${name}: stream ${stream.name} has several subjects to filter on`);
    }
    const registration: EventHandlerRegistration = {
      consumer: consumerName(this.options.service, name),
      handlers,
      stream,
      filterSubject: subjects.length === 1 ? subjects[0] : stream.subjects[0],
    };
    if (this.registrations.has(registration.consumer))
      throw new Error(`Two event consumers are named ${name}: a consumer name is used once per service`);
    this.registrations.set(registration.consumer, registration);
    if (this.stopping) this.loops.push(this.consume(registration, this.stopping.signal));
    return registration;
  }

  get(consumer: string): EventHandlerRegistration | undefined {
    return this.registrations.get(consumer);
  }

  list(): EventHandlerRegistration[] {
    return [...this.registrations.values()];
  }

  start(): void {
    if (this.stopping) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    this.loops = this.list().map((r) => this.consume(r, stopping.signal));
  }

  /** Stops pulling; the message in progress finishes (commit, then ack) first. */
  async stop(): Promise<void> {
    this.stopping?.abort();
    for (const messages of this.active) messages.stop();
    await Promise.all(this.loops);
    this.loops = [];
    this.stopping = undefined;
  }

  /**
   * Inside the caller's transaction: records (consumer, event id) in the inbox and runs the
   * handler. Returns false, without running the handler, when this consumer already handled it.
   */
  async handleInTransaction(
    manager: EntityManager,
    registration: EventHandlerRegistration,
    event: CloudEvent<unknown>,
    traceparent: string | undefined,
  ): Promise<boolean> {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO inbox (consumer, event_id, handled_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
      [registration.consumer, event.id, this.options.clock.now()],
    );
    if (inserted.length === 0) return false;
    const handle = registration.handlers.get(event.type as EventSubject);
    if (!handle) throw new Error(`${registration.consumer} has no handler for ${event.type}`);
    // The payload against its contract class, as RPC payloads are checked (replays too).
    const invalid = validateEventPayload(event.type, event.data);
    if (invalid.length > 0) throw new InvalidEventPayloadError(invalid);
    await runWithTraceparent(childTraceparent(traceparent), () => handle(event, manager));
    return true;
  }

  private async consume(registration: EventHandlerRegistration, signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const nc = await unlessAborted(this.nats.get(), signal);
        const jsm = await jetstreamManager(nc);
        await ensureStream(jsm, registration.stream, streamSettings(this.options, registration.stream));
        await this.ensureConsumer(jsm, registration);
        const consumer = await jetstream(nc).consumers.get(registration.stream.name, registration.consumer);
        if (signal.aborted) break;
        const messages = await consumer.consume({ max_messages: 64 });
        this.active.add(messages);
        void this.watch(registration, messages);
        failures = 0;
        try {
          for await (const msg of messages) await this.process(registration, msg);
        } finally {
          this.active.delete(messages);
        }
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        if (failures === 1 || failures % 10 === 0) {
          this.logger.warn(`Consumer ${registration.consumer} failed ${failures}x: ${errorText(error)}`);
        }
      }
      await delay(Math.min(10_000, 250 * 2 ** Math.min(failures, 6)), signal);
    }
  }

  /** Ends the consume() iterator when its consumer or stream is gone, so the loop recreates them. */
  private async watch(registration: EventHandlerRegistration, messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      if (
        status.type === 'consumer_deleted' ||
        status.type === 'consumer_not_found' ||
        status.type === 'stream_not_found'
      ) {
        this.logger.warn(`Consumer ${registration.consumer}: ${status.type}; recreating`);
        messages.stop();
        return;
      }
    }
  }

  private async ensureConsumer(jsm: JetStreamManager, r: EventHandlerRegistration): Promise<void> {
    const ackWait = nanos(this.options.ackWaitMs);
    const existing = await jsm.consumers.info(r.stream.name, r.consumer).catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    });
    if (!existing) {
      await jsm.consumers.add(r.stream.name, {
        durable_name: r.consumer,
        filter_subject: r.filterSubject,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: ackWait,
        // We count deliveries ourselves and park the event; the server never drops it.
        max_deliver: -1,
        max_ack_pending: MAX_PENDING,
      });
    } else if (existing.config.ack_wait !== ackWait || existing.config.filter_subject !== r.filterSubject) {
      await jsm.consumers.update(r.stream.name, r.consumer, {
        ack_wait: ackWait,
        filter_subject: r.filterSubject,
      });
    }
  }

  private async process(registration: EventHandlerRegistration, msg: JsMsg): Promise<void> {
    // A stream-wide consumer also sees the subjects it does not handle: nothing to do for them.
    if (!registration.handlers.has(msg.subject as EventSubject)) {
      msg.ack();
      return;
    }
    const headers = msg.headers as MsgHdrs | undefined;
    const traceparent = headers?.get('traceparent') || undefined;
    const event = parseEnvelope(msg.data);
    if (!event) {
      await this.park(
        registration,
        msg,
        unreadable(msg, headers),
        'Unreadable CloudEvent envelope',
        traceparent,
      );
      return;
    }
    if (event.type !== msg.subject) {
      await this.park(
        registration,
        msg,
        event,
        `CloudEvent type ${event.type} differs from its subject`,
        traceparent,
      );
      return;
    }
    try {
      await this.dataSource.transaction((manager) =>
        this.handleInTransaction(manager, registration, event, traceparent),
      );
      // Only now, after the commit: a crash before this line means a redelivery the inbox absorbs.
      msg.ack();
    } catch (error) {
      const deliveries = msg.info.deliveryCount;
      this.logger.warn(
        `Handler ${registration.consumer} failed on event ${event.id} (delivery ${deliveries}/${this.options.maxDeliveries}): ${errorText(error)}`,
      );
      if (error instanceof InvalidEventPayloadError || deliveries >= this.options.maxDeliveries) {
        await this.park(registration, msg, event, errorText(error), traceparent);
      } else {
        msg.nak(this.retryDelay(deliveries));
      }
    }
  }

  private retryDelay(deliveries: number): number {
    return Math.min(
      this.options.retryMaxDelayMs,
      this.options.retryBaseDelayMs * 2 ** Math.max(0, deliveries - 1),
    );
  }

  /** Records the dead letter, then terminates the message; if PostgreSQL fails, retries later. */
  private async park(
    registration: EventHandlerRegistration,
    msg: JsMsg,
    event: CloudEvent<unknown>,
    error: string,
    traceparent: string | undefined,
  ): Promise<void> {
    try {
      await this.dataSource.query(
        `INSERT INTO dead_letters (id, consumer, event_id, event_type, envelope, headers, error, attempts, parked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (consumer, event_id) WHERE replayed_at IS NULL
         DO UPDATE SET error = EXCLUDED.error, attempts = dead_letters.attempts + EXCLUDED.attempts, parked_at = EXCLUDED.parked_at`,
        [
          randomUUID(),
          registration.consumer,
          event.id,
          event.type,
          JSON.stringify(event),
          JSON.stringify(traceparent ? { traceparent } : {}),
          error.slice(0, 4000),
          msg.info.deliveryCount,
          this.options.clock.now(),
        ],
      );
      this.logger.error(`Event ${event.id} parked as a dead letter of ${registration.consumer}`);
      // No reason text: nats-server 2.9 ignores '+TERM <reason>'.
      msg.term();
    } catch (parkError) {
      this.logger.error(
        `Could not park event ${event.id} for ${registration.consumer}: ${errorText(parkError)}`,
      );
      msg.nak(this.options.retryMaxDelayMs);
    }
  }
}

function parseEnvelope(data: Uint8Array): CloudEvent<unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(data).toString('utf8')) as Partial<CloudEvent<unknown>>;
    if (
      value.specversion === '1.0' &&
      typeof value.id === 'string' &&
      UUID.test(value.id) &&
      typeof value.type === 'string'
    ) {
      return value as CloudEvent<unknown>;
    }
  } catch {
    // not JSON: parked below
  }
  return undefined;
}

/** A stand-in envelope for a message that is not a CloudEvent, so it can be parked and inspected. */
function unreadable(msg: JsMsg, headers: MsgHdrs | undefined): CloudEvent<unknown> {
  const msgId = headers?.get('Nats-Msg-Id');
  return {
    specversion: '1.0',
    id: msgId && UUID.test(msgId) ? msgId : randomUUID(),
    source: 'unknown',
    type: msg.subject,
    time: new Date(msg.info.timestampNanos / 1_000_000).toISOString(),
    datacontenttype: 'application/json',
    data: { raw: Buffer.from(msg.data).toString('utf8').slice(0, 10_000) },
  };
}
