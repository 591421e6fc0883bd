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
import { EVENT_CONSUMER_METADATA, ON_EVENT_METADATA } from './events/on-event.decorator';
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

  /**
   * Registers each provider that has @OnEvent methods as one consumer under its @EventConsumer
   * name. Fails the boot for handlers without a name, two classes with one name (EventConsumers)
   * and two methods of one class for one subject.
   */
  onModuleInit(): void {
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.isDependencyTreeStatic() || typeof instance !== 'object' || instance === null) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      const handlers = new Map<EventSubject, AnyEventHandler>();
      for (const method of this.metadataScanner.getAllMethodNames(prototype)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const subject = this.reflector.get<EventSubject | undefined>(ON_EVENT_METADATA, fn as () => unknown);
        if (!subject) continue;
        if (handlers.has(subject)) {
          throw new Error(`${instance.constructor.name} has two @OnEvent(${subject}) methods`);
        }
        handlers.set(subject, (fn as AnyEventHandler).bind(instance));
      }
      if (handlers.size === 0) continue;
      const name = this.reflector.get<string | undefined>(EVENT_CONSUMER_METADATA, instance.constructor);
      if (!name) {
        throw new Error(
          `${instance.constructor.name} has @OnEvent handlers but no @EventConsumer('<name>'): every consumer needs an explicit, stable name`,
        );
      }
      this.consumers.register(name, handlers);
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
 * `relay: false`), a durable consumer per @EventConsumer class, the dead-letter RPC handlers on
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
