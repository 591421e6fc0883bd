import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type CloudEvent, type EventMap, type EventSubject, streamForSubject } from '@terpadu/contracts';
import type { EntityManager } from 'typeorm';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from '../messaging.options';
import { childTraceparent, currentTraceparent } from './trace-context';

export interface AddEventOptions {
  /** Id of the entity the event is about (CloudEvents `subject`); never a NIK or a name. */
  entityId?: string;
}

/**
 * Writes domain events into the outbox table inside the caller's transaction, so the event exists
 * if and only if the change it reports commits. The relay publishes it after commit.
 *
 *   await dataSource.transaction(async (m) => {
 *     await m.save(resident);
 *     await outbox.add(m, RESIDENT_REGISTERED_V1, payload, { entityId: resident.id });
 *   });
 */
@Injectable()
export class OutboxService {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: Pick<ResolvedMessagingOptions, 'clock' | 'service'>,
  ) {}

  async add<S extends EventSubject>(
    manager: EntityManager,
    subject: S,
    data: EventMap[S],
    o?: AddEventOptions,
  ): Promise<string> {
    if (!streamForSubject(subject))
      throw new Error(`No stream captures ${subject}: add its domain to STREAMS`);
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.add needs the EntityManager of an open transaction');
    }
    const envelope: CloudEvent<EventMap[S]> = {
      specversion: '1.0',
      id: randomUUID(),
      source: `terpadu/${this.options.service}`,
      type: subject,
      time: this.options.clock.now().toISOString(),
      ...(o?.entityId !== undefined ? { subject: o.entityId } : {}),
      datacontenttype: 'application/json',
      data,
    };
    const headers = { traceparent: childTraceparent(currentTraceparent()) };
    // One round trip: the row, and a NOTIFY that PostgreSQL delivers to the relay at commit.
    await manager.query(
      `WITH inserted AS (
         INSERT INTO outbox (id, subject, envelope, headers) VALUES ($1, $2, $3, $4) RETURNING id
       )
       SELECT pg_notify('outbox', '') FROM inserted`,
      [envelope.id, subject, JSON.stringify(envelope), JSON.stringify(headers)],
    );
    return envelope.id;
  }
}
