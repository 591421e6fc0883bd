export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** Where "now" comes from; tests inject a fixed one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface MessagingOptions {
  /** The service name (`population`, `health`): event source, consumer names, dead-letter subjects. */
  service: string;
  /** NATS server URL(s), comma separated. */
  natsUrl: string;
  /** Run the outbox relay in this process (default true). */
  relay?: boolean;
  /** Deliveries of one event before it is parked as a dead letter (default 5). */
  maxDeliveries?: number;
  /** First retry delay; doubles per failed delivery up to retryMaxDelayMs (default 1000). */
  retryBaseDelayMs?: number;
  /** Longest retry delay (default 60000). */
  retryMaxDelayMs?: number;
  /** How long JetStream waits for an ack before redelivering (default 30000). */
  ackWaitMs?: number;
  /** Relay poll interval when no NOTIFY arrives (default 1000). */
  relayPollIntervalMs?: number;
  /** Outbox rows the relay claims per transaction (default 200). */
  relayBatchSize?: number;
  /** JetStream dedupe window for the producing stream (default 120000). */
  duplicateWindowMs?: number;
  clock?: Clock;
}

export type ResolvedMessagingOptions = Required<Omit<MessagingOptions, 'clock'>> & { clock: Clock };

export function resolveMessagingOptions(o: MessagingOptions): ResolvedMessagingOptions {
  return {
    service: o.service,
    natsUrl: o.natsUrl,
    relay: o.relay ?? true,
    maxDeliveries: o.maxDeliveries ?? 5,
    retryBaseDelayMs: o.retryBaseDelayMs ?? 1000,
    retryMaxDelayMs: o.retryMaxDelayMs ?? 60_000,
    ackWaitMs: o.ackWaitMs ?? 30_000,
    relayPollIntervalMs: o.relayPollIntervalMs ?? 1000,
    relayBatchSize: o.relayBatchSize ?? 200,
    duplicateWindowMs: o.duplicateWindowMs ?? 120_000,
    clock: o.clock ?? systemClock,
  };
}
