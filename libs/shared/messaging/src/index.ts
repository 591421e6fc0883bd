export { DomainException } from './errors/domain.exception';
export { createDeadLettersController } from './events/dead-letters.controller';
export { DeadLettersService } from './events/dead-letters.service';
export {
  consumerName,
  EventConsumers,
  type AnyEventHandler,
  type EventHandlerRegistration,
} from './events/event-consumers';
export { EventConsumer, OnEvent, type EventHandler } from './events/on-event.decorator';
export { OutboxRelay } from './events/outbox-relay';
export { OutboxService, type AddEventOptions, type OutboxEvent } from './events/outbox.service';
export { validateEventPayload } from './events/payload-validation';
export { RetentionPruner, type PruneOutcome } from './events/retention';
export { ensureStream, type StreamSettings, streamSettings } from './events/streams';
export {
  childTraceparent,
  currentTraceparent,
  isTraceparent,
  runWithTraceparent,
} from './events/trace-context';
export { MessagingLifecycle, MessagingModule } from './messaging.module';
export {
  MESSAGING_DEFAULTS,
  MESSAGING_OPTIONS,
  MESSAGING_RETENTION_ENV_DEFAULTS,
  type MessagingOptions,
  MessagingOptionsError,
  type MessagingRetentionEnv,
  resolveMessagingOptions,
  retentionOptions,
} from './messaging.options';
export { NatsClient, NatsHealth } from './nats/nats-client';
export { RpcClient, type RpcClientOptions, type SendOptions } from './rpc/rpc-client';
export { RpcClientModule } from './rpc/rpc-client.module';
export { RpcErrorFilter } from './rpc/rpc-error.filter';
export { connectRpcServer } from './rpc/rpc-server';
export { ServiceCallError } from './rpc/service-call.error';
