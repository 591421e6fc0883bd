import 'reflect-metadata';
import type { CloudEvent, EventMap, EventSubject } from '@terpadu/contracts';
import type { EntityManager } from 'typeorm';

export const ON_EVENT_METADATA = 'terpadu:on-event';

/**
 * The shape of an event handler: it receives the CloudEvent and the EntityManager of the
 * transaction that also records the event in the inbox; all its writes must use that manager.
 */
export type EventHandler<S extends EventSubject> = (
  event: CloudEvent<EventMap[S]>,
  manager: EntityManager,
) => Promise<void>;

/**
 * Marks a provider method as the handler of one event subject; MessagingModule gives it its own
 * durable JetStream consumer. A method whose parameter does not fit the subject's payload does not
 * compile.
 *
 *   @OnEvent(RESIDENT_REGISTERED_V1)
 *   async onRegistered(event: CloudEvent<ResidentRegisteredV1>, manager: EntityManager) { ... }
 */
export function OnEvent<S extends EventSubject>(subject: S) {
  return <H extends EventHandler<S>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    if (typeof descriptor.value !== 'function')
      throw new Error(`@OnEvent(${subject}) must decorate a method`);
    Reflect.defineMetadata(ON_EVENT_METADATA, subject, descriptor.value);
  };
}
