import {
  type CloudEvent,
  RESIDENT_REGISTERED_V1,
  RESIDENT_UPDATED_V1,
  type ResidentRegisteredV1,
  type ResidentUpdatedV1,
} from '@terpadu/contracts';
import type { EntityManager } from 'typeorm';
import { ON_EVENT_METADATA, OnEvent } from './on-event.decorator';

class Handlers {
  @OnEvent(RESIDENT_REGISTERED_V1)
  async registered(_event: CloudEvent<ResidentRegisteredV1>, _manager: EntityManager): Promise<void> {}

  @OnEvent(RESIDENT_UPDATED_V1)
  async updated(_event: CloudEvent<ResidentUpdatedV1>): Promise<void> {}
}

// Type-level checks: `tsc -p tsconfig.json` fails if any of these starts compiling.
export class WrongHandlers {
  // @ts-expect-error the payload of another subject
  @OnEvent(RESIDENT_REGISTERED_V1)
  async wrongPayload(_event: CloudEvent<ResidentUpdatedV1>, _manager: EntityManager): Promise<void> {}

  // @ts-expect-error a payload that needs more than the subject carries
  @OnEvent(RESIDENT_REGISTERED_V1)
  async tooNarrow(_event: CloudEvent<ResidentRegisteredV1 & { extra: string }>): Promise<void> {}

  // @ts-expect-error a synchronous handler
  @OnEvent(RESIDENT_REGISTERED_V1)
  sync(_event: CloudEvent<ResidentRegisteredV1>): void {}

  // @ts-expect-error not an event subject
  @OnEvent('evt.population.unknown.v1')
  async unknown(_event: CloudEvent<unknown>): Promise<void> {}
}

describe(OnEvent.name, () => {
  it('records the subject on the method', () => {
    expect(Reflect.getMetadata(ON_EVENT_METADATA, Handlers.prototype.registered)).toBe(
      RESIDENT_REGISTERED_V1,
    );
    expect(Reflect.getMetadata(ON_EVENT_METADATA, Handlers.prototype.updated)).toBe(RESIDENT_UPDATED_V1);
  });
});
