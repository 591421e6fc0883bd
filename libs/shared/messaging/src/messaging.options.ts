import { Clock } from '@terpadu/clock';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

const DAY_MS = 86_400_000;

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
  /**
   * Oldest event the service's own stream keeps (default 30 days); 0 keeps events forever. Applied
   * when the stream is created and to an existing stream whose limit differs (only by the stream's
   * producing service: a consumer creates a missing stream with its own value but never changes one).
   */
  streamMaxAgeMs?: number;
  /**
   * Largest size of the service's own stream in bytes (default 1 GiB); 0 = no limit. A full stream
   * refuses new events (discard policy `new`): they wait in the outbox, none is dropped unread.
   */
  streamMaxBytes?: number;
  /** Sent outbox rows older than this are deleted (default 7 days); 0 keeps them. */
  outboxRetentionMs?: number;
  /**
   * Inbox rows (and replayed dead letters) older than this are deleted (default 35 days); 0 keeps
   * them. An inbox row must outlive every redelivery of its event, so this must exceed the duplicate
   * window and the stream max age (checked at boot, and against the consumed streams before pruning).
   */
  inboxRetentionMs?: number;
  /** How often the pruner runs (default 1 hour; the first run a few seconds after boot); 0 = off. */
  pruneIntervalMs?: number;
  /** Rows per DELETE statement of the pruner (default 1000). */
  pruneBatchSize?: number;
  /**
   * Where "now" comes from (CloudEvent `time`, `sent_at`, `handled_at`, the pruner's cutoffs).
   * Default: the app's Clock from DI (ClockModule); boot fails when there is neither.
   */
  clock?: Clock;
}

export type ResolvedMessagingOptions = Required<Omit<MessagingOptions, 'clock'>> & { clock: Clock };

export const MESSAGING_DEFAULTS = {
  relay: true,
  maxDeliveries: 5,
  retryBaseDelayMs: 1000,
  retryMaxDelayMs: 60_000,
  ackWaitMs: 30_000,
  relayPollIntervalMs: 1000,
  relayBatchSize: 200,
  duplicateWindowMs: 120_000,
  streamMaxAgeMs: 30 * DAY_MS,
  streamMaxBytes: 1024 ** 3,
  outboxRetentionMs: 7 * DAY_MS,
  inboxRetentionMs: 35 * DAY_MS,
  pruneIntervalMs: 3_600_000,
  pruneBatchSize: 1000,
} as const satisfies Omit<ResolvedMessagingOptions, 'service' | 'natsUrl' | 'clock'>;

/** A MessagingOptions value that cannot work: boot stops with the option's name and the rule. */
export class MessagingOptionsError extends Error {
  override name = 'MessagingOptionsError';
}

/**
 * Fills in the defaults and checks the options: `clock` is the options' own or the injected one
 * (the app's ClockModule), there is no wall-clock fallback. Throws MessagingOptionsError.
 */
export function resolveMessagingOptions(
  o: MessagingOptions,
  injectedClock?: Clock,
): ResolvedMessagingOptions {
  const clock = o.clock ?? injectedClock;
  if (!clock) {
    throw new MessagingOptionsError(
      `MessagingModule of ${o.service} has no Clock: import ClockModule in the app or pass options.clock`,
    );
  }
  const d = MESSAGING_DEFAULTS;
  const resolved: ResolvedMessagingOptions = {
    service: o.service,
    natsUrl: o.natsUrl,
    relay: o.relay ?? d.relay,
    maxDeliveries: o.maxDeliveries ?? d.maxDeliveries,
    retryBaseDelayMs: o.retryBaseDelayMs ?? d.retryBaseDelayMs,
    retryMaxDelayMs: o.retryMaxDelayMs ?? d.retryMaxDelayMs,
    ackWaitMs: o.ackWaitMs ?? d.ackWaitMs,
    relayPollIntervalMs: o.relayPollIntervalMs ?? d.relayPollIntervalMs,
    relayBatchSize: o.relayBatchSize ?? d.relayBatchSize,
    duplicateWindowMs: o.duplicateWindowMs ?? d.duplicateWindowMs,
    streamMaxAgeMs: o.streamMaxAgeMs ?? d.streamMaxAgeMs,
    streamMaxBytes: o.streamMaxBytes ?? d.streamMaxBytes,
    outboxRetentionMs: o.outboxRetentionMs ?? d.outboxRetentionMs,
    inboxRetentionMs: o.inboxRetentionMs ?? d.inboxRetentionMs,
    pruneIntervalMs: o.pruneIntervalMs ?? d.pruneIntervalMs,
    pruneBatchSize: o.pruneBatchSize ?? d.pruneBatchSize,
    clock,
  };
  validate(resolved);
  return resolved;
}

function validate(o: ResolvedMessagingOptions): void {
  const fail = (message: string) => {
    throw new MessagingOptionsError(`Messaging options of ${o.service}: ${message}`);
  };
  for (const key of Object.keys(MESSAGING_DEFAULTS) as (keyof typeof MESSAGING_DEFAULTS)[]) {
    const value = o[key];
    if (typeof value === 'number' && (!Number.isSafeInteger(value) || value < 0))
      fail(`${key} must be a whole number >= 0`);
  }
  for (const key of ['maxDeliveries', 'relayBatchSize', 'pruneBatchSize', 'duplicateWindowMs'] as const) {
    if (o[key] < 1) fail(`${key} must be at least 1`);
  }
  if (o.streamMaxAgeMs !== 0 && o.streamMaxAgeMs < o.duplicateWindowMs) {
    fail(
      `streamMaxAgeMs (${o.streamMaxAgeMs}) must be 0 or at least duplicateWindowMs (${o.duplicateWindowMs})`,
    );
  }
  if (o.inboxRetentionMs === 0) return;
  if (o.inboxRetentionMs <= o.duplicateWindowMs) {
    fail(
      `inboxRetentionMs (${o.inboxRetentionMs}) must be 0 or longer than duplicateWindowMs (${o.duplicateWindowMs}): a duplicate past the window would be handled twice`,
    );
  }
  if (o.streamMaxAgeMs === 0) {
    fail(
      'inboxRetentionMs must be 0 while streamMaxAgeMs is 0: a stream that keeps its events forever can redeliver any of them',
    );
  }
  if (o.inboxRetentionMs <= o.streamMaxAgeMs) {
    fail(
      `inboxRetentionMs (${o.inboxRetentionMs}) must be longer than streamMaxAgeMs (${o.streamMaxAgeMs}): an inbox row must outlive every redelivery of its event`,
    );
  }
}

/** The environment variables of a service that set its stream limits and retention (docs/operations.md). */
export interface MessagingRetentionEnv {
  EVENT_STREAM_MAX_AGE_DAYS: number;
  EVENT_STREAM_MAX_BYTES: number;
  OUTBOX_RETENTION_DAYS: number;
  INBOX_RETENTION_DAYS: number;
  MESSAGING_PRUNE_INTERVAL_MS: number;
}

/** The defaults of those variables: MESSAGING_DEFAULTS in their units. */
export const MESSAGING_RETENTION_ENV_DEFAULTS: MessagingRetentionEnv = {
  EVENT_STREAM_MAX_AGE_DAYS: MESSAGING_DEFAULTS.streamMaxAgeMs / DAY_MS,
  EVENT_STREAM_MAX_BYTES: MESSAGING_DEFAULTS.streamMaxBytes,
  OUTBOX_RETENTION_DAYS: MESSAGING_DEFAULTS.outboxRetentionMs / DAY_MS,
  INBOX_RETENTION_DAYS: MESSAGING_DEFAULTS.inboxRetentionMs / DAY_MS,
  MESSAGING_PRUNE_INTERVAL_MS: MESSAGING_DEFAULTS.pruneIntervalMs,
};

/** MessagingOptions from those variables (days to milliseconds); MessagingModule checks them at boot. */
export function retentionOptions(
  env: MessagingRetentionEnv,
): Pick<
  MessagingOptions,
  'inboxRetentionMs' | 'outboxRetentionMs' | 'pruneIntervalMs' | 'streamMaxAgeMs' | 'streamMaxBytes'
> {
  return {
    streamMaxAgeMs: env.EVENT_STREAM_MAX_AGE_DAYS * DAY_MS,
    streamMaxBytes: env.EVENT_STREAM_MAX_BYTES,
    outboxRetentionMs: env.OUTBOX_RETENTION_DAYS * DAY_MS,
    inboxRetentionMs: env.INBOX_RETENTION_DAYS * DAY_MS,
    pruneIntervalMs: env.MESSAGING_PRUNE_INTERVAL_MS,
  };
}

/** The MESSAGING_OPTIONS provider: the options resolved with the app's Clock (ClockModule), if any. */
export function messagingOptionsProvider(options: MessagingOptions) {
  return {
    provide: MESSAGING_OPTIONS,
    useFactory: (clock?: Clock) => resolveMessagingOptions(options, clock),
    inject: [{ token: Clock, optional: true }],
  };
}
