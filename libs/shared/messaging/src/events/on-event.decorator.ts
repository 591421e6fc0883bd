import 'reflect-metadata';
import type { CloudEvent, EventMap, EventSubject } from '@terpadu/contracts';
import type { EntityManager } from 'typeorm';

export const ON_EVENT_METADATA = 'terpadu:on-event';
export const EVENT_CONSUMER_METADATA = 'terpadu:event-consumer';

/** A consumer name: lower-case words joined by `-` (e.g. `person-projection`). */
export const CONSUMER_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The shape of an event handler: it receives the CloudEvent and the EntityManager of the
 * transaction that also records the event in the inbox; all its writes must use that manager.
 */
export type EventHandler<S extends EventSubject> = (
  event: CloudEvent<EventMap[S]>,
  manager: EntityManager,
) => Promise<void>;

/**
 * Names the durable JetStream consumer that runs a provider's @OnEvent methods: one consumer per
 * class, reading its events in stream order, its inbox rows and dead letters under
 * `<service>__<name>`. The name is the consumer's identity: renaming the class or a method changes
 * nothing; changing the name starts a new consumer that reads the stream from the start. Boot
 * fails for a class with @OnEvent methods and no name, and for two classes with one name.
 *
 *   @EventConsumer('person-projection')
 *   class PersonProjectionHandler { @OnEvent(RESIDENT_REGISTERED_V1) async onRegistered(...) {} }
 */
export function EventConsumer(name: string) {
  if (!CONSUMER_NAME.test(name)) {
    throw new Error(`@EventConsumer('${name}'): a consumer name is lower-case words joined by '-'`);
  }
  return (target: abstract new (...args: never[]) => unknown): void => {
    Reflect.defineMetadata(EVENT_CONSUMER_METADATA, name, target);
  };
}

/**
 * Marks a method of an @EventConsumer class as the handler of one event subject (at most one
 * method per subject in a class). A method whose parameter does not fit the subject's payload does
 * not compile.
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
