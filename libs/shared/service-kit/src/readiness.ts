import { Injectable, type OnModuleInit } from '@nestjs/common';
import { NatsHealth } from '@terpadu/messaging';
import { HealthRegistry } from '@terpadu/observability';
import { DataSource } from 'typeorm';

/** `/health/ready` of every service checks its database and its NATS connection. */
@Injectable()
export class Readiness implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthRegistry,
    private readonly nats: NatsHealth,
  ) {}

  onModuleInit(): void {
    this.health.register('database', async () => {
      await this.dataSource.query('SELECT 1');
    });
    this.health.register('nats', () => Promise.resolve(this.nats.isConnected()));
  }
}
