import { Inject, Injectable, Logger } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import { DataSource } from 'typeorm';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from '../messaging.options';
import { delay } from '../nats/abort';
import { errorText, NatsClient } from '../nats/nats-client';
import { EventConsumers } from './event-consumers';
import { isNotFound } from './streams';

/** What one prune deleted, and the consumers whose inbox rows it had to keep. */
export interface PruneOutcome {
  outbox: number;
  inbox: number;
  deadLetters: number;
  /**
   * Consumers whose old inbox rows were kept: their stream keeps events at least as long as the
   * inbox retention (or forever), so it could still redeliver them. Empty when all is well.
   */
  keptConsumers: string[];
  /** Why the inbox was not pruned at all this time (NATS unreachable: the streams could not be checked). */
  inboxSkipped?: string;
}

/** The first prune runs this long after boot (or after one interval, if that is shorter). */
const FIRST_RUN_DELAY_MS = 5000;

// Each statement deletes one batch of rows that no other pruner holds (SKIP LOCKED): replicas
// pruning at once share the work, and a row deleted twice is not an error.
const PRUNE_OUTBOX = `
  WITH doomed AS (
    SELECT id FROM outbox WHERE sent_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED
  ), deleted AS (
    DELETE FROM outbox o USING doomed WHERE o.id = doomed.id RETURNING 1
  )
  SELECT count(*)::int AS n FROM deleted`;

const PRUNE_INBOX = `
  WITH doomed AS (
    SELECT consumer, event_id FROM inbox
     WHERE handled_at < $1 AND NOT (consumer = ANY($3::text[]))
     LIMIT $2 FOR UPDATE SKIP LOCKED
  ), deleted AS (
    DELETE FROM inbox i USING doomed
     WHERE i.consumer = doomed.consumer AND i.event_id = doomed.event_id RETURNING 1
  )
  SELECT count(*)::int AS n FROM deleted`;

const PRUNE_REPLAYED_DEAD_LETTERS = `
  WITH doomed AS (
    SELECT id FROM dead_letters WHERE replayed_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED
  ), deleted AS (
    DELETE FROM dead_letters d USING doomed WHERE d.id = doomed.id RETURNING 1
  )
  SELECT count(*)::int AS n FROM deleted`;

/**
 * Deletes what the messaging tables no longer need, every `pruneIntervalMs` in every replica:
 *
 * - outbox rows sent more than `outboxRetentionMs` ago (unsent rows are never touched);
 * - inbox rows handled more than `inboxRetentionMs` ago, except those of a consumer whose stream
 *   keeps events that long or longer (checked on NATS each time: the stream's max age is set by
 *   its producing service, not by this one), since a redelivered event needs its inbox row;
 * - dead letters replayed more than `inboxRetentionMs` ago (their event was handled, and its
 *   inbox row goes at the same time). Open dead letters are never pruned: an operator decides.
 *
 * "Ago" is measured on the service's Clock, which also wrote `sent_at`, `handled_at` and
 * `replayed_at`. Deletes run in batches of `pruneBatchSize`.
 */
@Injectable()
export class RetentionPruner {
  private readonly logger = new Logger(RetentionPruner.name);
  private stopping: AbortController | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly consumers: EventConsumers,
    private readonly dataSource: DataSource,
    private readonly nats: NatsClient,
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
  ) {}

  /** Starts pruning periodically (nothing when `pruneIntervalMs` is 0). */
  start(): void {
    if (this.stopping || this.options.pruneIntervalMs === 0) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    this.loop = this.run(stopping.signal);
  }

  /** Stops after the statement in flight. */
  async stop(): Promise<void> {
    this.stopping?.abort();
    await this.loop;
    this.loop = undefined;
    this.stopping = undefined;
  }

  /** One prune, now (by the Clock). */
  async prune(signal?: AbortSignal): Promise<PruneOutcome> {
    const now = this.options.clock.now().getTime();
    const { inboxRetentionMs, outboxRetentionMs } = this.options;
    const outcome: PruneOutcome = { outbox: 0, inbox: 0, deadLetters: 0, keptConsumers: [] };
    if (outboxRetentionMs > 0) {
      outcome.outbox = await this.deleteInBatches(PRUNE_OUTBOX, [new Date(now - outboxRetentionMs)], signal);
    }
    if (inboxRetentionMs > 0 && !signal?.aborted) {
      const cutoff = new Date(now - inboxRetentionMs);
      try {
        outcome.keptConsumers = await this.consumersStreamsCouldRedeliverTo();
      } catch (error) {
        outcome.inboxSkipped = errorText(error);
      }
      if (outcome.inboxSkipped === undefined && !signal?.aborted) {
        outcome.inbox = await this.deleteInBatches(PRUNE_INBOX, [cutoff, outcome.keptConsumers], signal);
      }
      if (!signal?.aborted)
        outcome.deadLetters = await this.deleteInBatches(PRUNE_REPLAYED_DEAD_LETTERS, [cutoff], signal);
    }
    return outcome;
  }

  private async run(signal: AbortSignal): Promise<void> {
    await delay(Math.min(FIRST_RUN_DELAY_MS, this.options.pruneIntervalMs), signal);
    while (!signal.aborted) {
      try {
        const outcome = await this.prune(signal);
        if (outcome.outbox + outcome.inbox + outcome.deadLetters > 0) {
          this.logger.log(
            `Pruned ${outcome.outbox} outbox, ${outcome.inbox} inbox and ${outcome.deadLetters} replayed dead-letter rows`,
          );
        }
        if (outcome.inboxSkipped) this.logger.warn(`Inbox not pruned: ${outcome.inboxSkipped}`);
        if (outcome.keptConsumers.length > 0) {
          this.logger.warn(
            `Inbox rows of ${outcome.keptConsumers.join(', ')} kept: their stream keeps events at least ` +
              `${this.options.inboxRetentionMs} ms (the inbox retention); lower its max age or raise the retention`,
          );
        }
      } catch (error) {
        if (signal.aborted) break;
        this.logger.warn(`Pruning the messaging tables failed: ${errorText(error)}`);
      }
      await delay(this.options.pruneIntervalMs, signal);
    }
  }

  /** Runs a batch DELETE until it deletes less than a batch; resolves with the rows deleted. */
  private async deleteInBatches(sql: string, params: unknown[], signal?: AbortSignal): Promise<number> {
    const batch = this.options.pruneBatchSize;
    let total = 0;
    for (;;) {
      const [{ n }] = await this.dataSource.query<{ n: number }[]>(sql, [
        params[0],
        batch,
        ...params.slice(1),
      ]);
      total += n;
      if (n < batch || signal?.aborted) return total;
    }
  }

  /**
   * The registered consumers whose stream could still redeliver an event whose inbox row is past
   * the retention: a stream with no age limit, or one at least as long as the retention.
   * Throws when NATS cannot be asked.
   */
  private async consumersStreamsCouldRedeliverTo(): Promise<string[]> {
    const registrations = this.consumers.list();
    if (registrations.length === 0) return [];
    const nc = this.nats.current();
    if (!nc || !this.nats.isConnected())
      throw new Error('NATS is not connected, so the streams cannot be checked');
    const jsm = await jetstreamManager(nc);
    const kept: string[] = [];
    for (const name of new Set(registrations.map((r) => r.stream.name))) {
      const info = await jsm.streams.info(name).catch((error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      });
      // A stream that does not exist redelivers nothing.
      if (!info) continue;
      const maxAgeMs = info.config.max_age / 1_000_000;
      if (maxAgeMs === 0 || maxAgeMs >= this.options.inboxRetentionMs) {
        kept.push(...registrations.filter((r) => r.stream.name === name).map((r) => r.consumer));
      }
    }
    return kept.sort();
  }
}
