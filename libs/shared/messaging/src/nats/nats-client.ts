import { Inject, Injectable, Logger } from '@nestjs/common';
import { type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from '../messaging.options';
import { delay } from './abort';

/**
 * The service's NATS connection for events and dead-letter RPC. It connects in the background
 * (boot does not wait for NATS, the first connect is retried every second), then reconnects
 * forever, and drains on close (MessagingModule closes it at shutdown, after its consumers).
 */
@Injectable()
export class NatsClient {
  private readonly logger = new Logger(NatsClient.name);
  private readonly closing = new AbortController();
  private connection: NatsConnection | undefined;
  private pending: Promise<NatsConnection> | undefined;
  private up = false;

  constructor(
    @Inject(MESSAGING_OPTIONS)
    private readonly options: Pick<ResolvedMessagingOptions, 'natsUrl' | 'service'>,
  ) {}

  /** The connection, once the first connect succeeded (waits for it; rejects after close()). */
  get(): Promise<NatsConnection> {
    this.pending ??= this.open();
    return this.pending;
  }

  /** The connection if the first connect already succeeded (it may be reconnecting right now). */
  current(): NatsConnection | undefined {
    return this.connection;
  }

  isConnected(): boolean {
    return this.up && this.connection !== undefined && !this.connection.isClosed();
  }

  async close(): Promise<void> {
    this.closing.abort();
    const connection = this.connection;
    if (!connection || connection.isClosed()) return;
    try {
      await connection.drain();
    } catch (error) {
      this.logger.warn(`NATS drain failed: ${errorText(error)}`);
      await connection.close().catch(() => undefined);
    }
  }

  private async open(): Promise<NatsConnection> {
    let attempts = 0;
    while (!this.closing.signal.aborted) {
      try {
        // @nats-io/transport-node's own type re-exports do not resolve under `moduleResolution: node`.
        const connection = (await connect({
          servers: this.options.natsUrl.split(','),
          name: this.options.service,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 500,
        })) as NatsConnection;
        if (this.closing.signal.aborted) {
          await connection.close();
          break;
        }
        this.connection = connection;
        this.up = true;
        void this.watch(connection);
        return connection;
      } catch (error) {
        attempts += 1;
        if (attempts === 1 || attempts % 30 === 0)
          this.logger.warn(`NATS not reachable yet: ${errorText(error)}`);
        await delay(1000, this.closing.signal);
      }
    }
    throw new Error('NATS client closed');
  }

  private async watch(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') {
        this.up = false;
        this.logger.warn('NATS disconnected; reconnecting');
      } else if (status.type === 'reconnect') {
        this.up = true;
        this.logger.log('NATS reconnected');
      }
    }
    this.up = false;
  }
}

/** Readiness: is the service's NATS connection up? */
@Injectable()
export class NatsHealth {
  constructor(private readonly client: NatsClient) {}

  isConnected(): boolean {
    return this.client.isConnected();
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
