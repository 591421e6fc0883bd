import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Injectable,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { EventSubject } from '@terpadu/contracts';
import { createDeadLettersController } from './events/dead-letters.controller';
import { DeadLettersService } from './events/dead-letters.service';
import { type AnyEventHandler, EventConsumers } from './events/event-consumers';
import { ON_EVENT_METADATA } from './events/on-event.decorator';
import { OutboxRelay } from './events/outbox-relay';
import { OutboxService } from './events/outbox.service';
import { RetentionPruner } from './events/retention';
import {
  MESSAGING_OPTIONS,
  messagingOptionsProvider,
  type MessagingOptions,
  type ResolvedMessagingOptions,
} from './messaging.options';
import { NatsClient, NatsHealth } from './nats/nats-client';

/**
 * Finds @OnEvent methods, starts consumers and the relay once the app is up, and at shutdown
 * stops them before draining NATS (and before TypeORM closes its pool).
 */
@Injectable()
export class MessagingLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly discovery: DiscoveryService,
    private readonly metadataScanner: MetadataScanner,
    private readonly nats: NatsClient,
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly reflector: Reflector,
    private readonly relay: OutboxRelay,
    private readonly retention: RetentionPruner,
  ) {}

  onModuleInit(): void {
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.isDependencyTreeStatic() || typeof instance !== 'object' || instance === null) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.metadataScanner.getAllMethodNames(prototype)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const subject = this.reflector.get<EventSubject | undefined>(ON_EVENT_METADATA, fn as () => unknown);
        if (!subject) continue;
        const handler = (fn as AnyEventHandler).bind(instance);
        this.consumers.register(`${instance.constructor.name}-${method}`, subject, handler);
      }
    }
  }

  onApplicationBootstrap(): void {
    // Connect even without relay or consumers, so NatsHealth reports the connection.
    this.nats.get().catch(() => undefined);
    if (this.options.relay) this.relay.start();
    this.consumers.start();
    this.retention.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.retention.stop();
    await this.consumers.stop();
    await this.relay.stop();
    await this.nats.close();
  }
}

/**
 * Events for one service: the NATS connection, OutboxService, the outbox relay (unless
 * `relay: false`), a durable consumer per @OnEvent method, and the dead-letter RPC handlers on
 * `rpc.<service>.dead-letters.list|replay` (served by the service's NATS microservice), and the
 * pruner of old outbox and inbox rows. Needs TypeOrmModule's DataSource in the app, and a Clock
 * (the app's ClockModule, or `options.clock`).
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      controllers: [createDeadLettersController(options.service)],
      providers: [
        DeadLettersService,
        EventConsumers,
        MessagingLifecycle,
        NatsClient,
        NatsHealth,
        OutboxRelay,
        OutboxService,
        RetentionPruner,
        messagingOptionsProvider(options),
      ],
      exports: [
        DeadLettersService,
        EventConsumers,
        NatsClient,
        NatsHealth,
        OutboxRelay,
        OutboxService,
        RetentionPruner,
      ],
    };
  }
}
