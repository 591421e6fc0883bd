import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RpcClient } from '@terpadu/messaging';
import { HealthRegistry } from '@terpadu/observability';

/** The gateway is ready when its NATS connection (every call to a service goes through it) is up. */
@Injectable()
export class RpcReadiness implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly rpc: RpcClient,
  ) {}

  onModuleInit(): void {
    this.health.register('nats', () => Promise.resolve(this.rpc.isConnected()));
  }
}
