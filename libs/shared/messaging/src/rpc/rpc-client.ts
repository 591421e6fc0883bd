import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type ClientProxy } from '@nestjs/microservices';
import type { RpcRequest, RpcResponse, RpcSubject } from '@terpadu/contracts';
import { lastValueFrom, timeout } from 'rxjs';
import { ServiceCallError } from './service-call.error';

export const RPC_CLIENT_PROXY = Symbol('RPC_CLIENT_PROXY');
export const RPC_CLIENT_OPTIONS = Symbol('RPC_CLIENT_OPTIONS');

export interface RpcClientOptions {
  /** NATS server URL(s), comma separated. */
  servers: string;
  /** Connection name shown by the NATS server. */
  name: string;
  /** Deadline of a call that does not give its own. */
  defaultTimeoutMs: number;
}

export interface SendOptions {
  timeoutMs?: number;
}

/**
 * Request/reply to services over core NATS. Every call has a deadline; every failure is a
 * ServiceCallError carrying a ServiceErrorBody: the service's own, or UPSTREAM_TIMEOUT 504 when
 * the deadline passed, or SERVICE_UNAVAILABLE 503 when nobody could answer.
 */
@Injectable()
export class RpcClient implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RpcClient.name);
  private connected = false;

  constructor(
    @Inject(RPC_CLIENT_OPTIONS) private readonly options: RpcClientOptions,
    @Inject(RPC_CLIENT_PROXY) private readonly proxy: ClientProxy,
  ) {}

  send<S extends RpcSubject>(subject: S, request: RpcRequest<S>, o?: SendOptions): Promise<RpcResponse<S>> {
    return this.sendUntyped<RpcResponse<S>>(subject, request, o);
  }

  async sendUntyped<T>(subject: string, request: unknown, o?: SendOptions): Promise<T> {
    const timeoutMs = o?.timeoutMs ?? this.options.defaultTimeoutMs;
    try {
      return await lastValueFrom(
        this.proxy.send<T, unknown>(subject, request ?? {}).pipe(timeout({ first: timeoutMs })),
        {
          defaultValue: undefined as T,
        },
      );
    } catch (error) {
      throw ServiceCallError.from(error, subject, timeoutMs);
    }
  }

  /** True while the NATS connection is up (for readiness). */
  isConnected(): boolean {
    return this.connected;
  }

  onApplicationBootstrap(): void {
    this.proxy.status.subscribe((status) => {
      this.connected = status === 'connected';
    });
    // Connect early so the first request does not pay for it; a NATS that is down is not fatal:
    // calls answer SERVICE_UNAVAILABLE and the next call connects again.
    this.proxy.connect().catch((error: unknown) => {
      this.logger.warn(`NATS not reachable yet: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.proxy.close();
  }
}
