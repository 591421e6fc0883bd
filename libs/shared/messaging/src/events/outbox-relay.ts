import { Inject, Injectable, Logger } from '@nestjs/common';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/nats-core';
import { STREAMS, type StreamDefinition, streamForSubject } from '@terpadu/contracts';
import { Client } from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from '../messaging.options';
import { delay, Wakeup } from '../nats/abort';
import { errorText, NatsClient } from '../nats/nats-client';
import { ensureStream, streamSettings } from './streams';

interface ClaimedRow {
  id: string;
  subject: string;
  envelope: string;
  headers: Record<string, string>;
}

const PUBLISH_TIMEOUT_MS = 5000;
const MAX_BACKOFF_MS = 15_000;

/**
 * Publishes committed outbox rows to JetStream and marks them sent.
 *
 * Wakes on `NOTIFY outbox` (sent by OutboxService in the producing transaction, delivered at
 * commit) and polls as a fallback. Each batch is claimed with `FOR UPDATE SKIP LOCKED` inside a
 * transaction that stays open while the batch is published, so concurrent relays never claim the
 * same row and never skip one. The event id is the `Nats-Msg-Id`: a row published twice (a relay
 * died between publish and commit) is dropped by the stream's dedupe window. When NATS is down the
 * rows stay unsent (attempts and last_error are recorded) and the relay retries with backoff,
 * forever. Rows are published in (created_at, position) order; a row that failed is retried
 * later, so order is best effort, like redelivery on the consumer side.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly ensuredStreams = new Set<string>();
  private readonly wakeup = new Wakeup();
  private stopping: AbortController | undefined;
  private loops: Promise<void>[] = [];
  private connection: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private jsm: Promise<JetStreamManager> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly nats: NatsClient,
  ) {}

  start(): void {
    if (this.stopping) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    this.loops = [this.run(stopping.signal), this.listen(stopping.signal)];
  }

  /** Stops after the batch in flight (its transaction commits or rolls back). */
  async stop(): Promise<void> {
    this.stopping?.abort();
    await Promise.all(this.loops);
    this.loops = [];
    this.stopping = undefined;
  }

  /**
   * Claims, publishes and marks one batch; returns how many rows were published. When NATS is
   * unreachable the claimed rows get attempts + 1 and last_error, and the call throws.
   */
  async relayBatch(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const rows = (await runner.query(
        `SELECT id, subject, envelope::text AS envelope, headers
           FROM outbox
          WHERE sent_at IS NULL
          ORDER BY created_at, position
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.options.relayBatchSize],
      )) as ClaimedRow[];
      if (rows.length === 0) {
        await runner.commitTransaction();
        // Idle: make sure the domain's stream exists before the first event (throws while NATS is down).
        await this.ensureOwnStream();
        return 0;
      }
      let js: JetStreamClient;
      try {
        js = (await this.ensureStreamsFor(rows)).js;
      } catch (error) {
        await this.markFailed(
          runner,
          rows.map((row) => ({ id: row.id, error: errorText(error) })),
        );
        await runner.commitTransaction();
        throw error;
      }
      // Published in order on one connection, so the stream stores them in order; awaited together.
      const results = await Promise.allSettled(
        rows.map((row) => {
          const h = natsHeaders();
          for (const [key, value] of Object.entries(row.headers)) h.set(key, value);
          return js.publish(row.subject, row.envelope, {
            msgID: row.id,
            headers: h,
            timeout: PUBLISH_TIMEOUT_MS,
          });
        }),
      );
      const sent: string[] = [];
      const failed: { id: string; error: string }[] = [];
      rows.forEach((row, i) => {
        const result = results[i];
        if (result.status === 'fulfilled') sent.push(row.id);
        else failed.push({ id: row.id, error: errorText(result.reason) });
      });
      await this.markSent(runner, sent);
      await this.markFailed(runner, failed);
      await runner.commitTransaction();
      if (failed.length > 0) {
        this.ensuredStreams.clear();
        throw new Error(`${failed.length} of ${rows.length} outbox events not published: ${failed[0].error}`);
      }
      return sent.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async run(signal: AbortSignal): Promise<void> {
    // Starts connecting; the relay itself never waits for NATS, it records failures and backs off.
    this.nats.get().catch(() => undefined);
    let failures = 0;
    while (!signal.aborted) {
      try {
        const published = await this.relayBatch();
        failures = 0;
        if (published < this.options.relayBatchSize)
          await this.wakeup.wait(this.options.relayPollIntervalMs, signal);
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        const wait = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(failures, 10));
        if (failures === 1 || failures % 10 === 0) {
          this.logger.warn(`Outbox relay failed ${failures}x, retrying in ${wait} ms: ${errorText(error)}`);
        }
        await delay(wait, signal);
      }
    }
  }

  private jetStream(): { js: JetStreamClient; jsm: Promise<JetStreamManager> } {
    const nc = this.nats.current();
    if (!nc || !this.nats.isConnected()) throw new Error('NATS is not connected');
    if (this.connection !== nc) {
      this.connection = nc;
      this.js = jetstream(nc);
      this.jsm = jetstreamManager(nc);
      // A rejected manager promise is retried on the next call.
      this.jsm.catch(() => {
        this.connection = undefined;
      });
    }
    return { js: this.js!, jsm: this.jsm! };
  }

  /** The producing domain's stream exists before anything is published (retried while NATS is down). */
  private async ensureOwnStream(): Promise<void> {
    const own = (Object.values(STREAMS) as StreamDefinition[]).find((s) => s.domain === this.options.service);
    if (own) await this.ensure(own);
  }

  private async ensureStreamsFor(rows: ClaimedRow[]): Promise<{ js: JetStreamClient }> {
    const { js } = this.jetStream();
    await this.ensureOwnStream();
    for (const row of rows) {
      const stream = streamForSubject(row.subject);
      if (stream) await this.ensure(stream);
    }
    return { js };
  }

  private async ensure(stream: StreamDefinition): Promise<void> {
    if (this.ensuredStreams.has(stream.name)) return;
    const jsm = await this.jetStream().jsm;
    await ensureStream(jsm, stream, streamSettings(this.options, stream));
    this.ensuredStreams.add(stream.name);
  }

  private async markSent(runner: QueryRunner, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await runner.query(`UPDATE outbox SET sent_at = $2 WHERE id = ANY($1::uuid[])`, [
      ids,
      this.options.clock.now(),
    ]);
  }

  private async markFailed(runner: QueryRunner, failed: { id: string; error: string }[]): Promise<void> {
    if (failed.length === 0) return;
    await runner.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = f.error
         FROM unnest($1::uuid[], $2::text[]) AS f(id, error)
        WHERE outbox.id = f.id`,
      [failed.map((f) => f.id), failed.map((f) => f.error.slice(0, 2000))],
    );
  }

  /** A dedicated connection LISTENing on `outbox`; reconnects while the relay runs. */
  private async listen(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const client = new Client(this.connectionConfig());
      const onAbort = () => void client.end().catch(() => undefined);
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        const ended = new Promise<void>((resolve) => {
          client.once('end', () => resolve());
          client.once('error', () => resolve());
        });
        await client.connect();
        client.on('notification', () => this.wakeup.notify());
        await client.query('LISTEN outbox');
        // A NOTIFY sent while nobody listened is lost: look once now.
        this.wakeup.notify();
        await ended;
      } catch (error) {
        if (!signal.aborted) this.logger.warn(`Outbox LISTEN connection failed: ${errorText(error)}`);
      } finally {
        signal.removeEventListener('abort', onAbort);
        await client.end().catch(() => undefined);
      }
      await delay(1000, signal);
    }
  }

  private connectionConfig(): ConstructorParameters<typeof Client>[0] {
    const o = this.dataSource.options as {
      url?: string;
      host?: string;
      port?: number;
      username?: string;
      password?: string;
      database?: string;
    };
    return o.url
      ? { connectionString: o.url }
      : { host: o.host, port: o.port, user: o.username, password: o.password, database: o.database };
  }
}
