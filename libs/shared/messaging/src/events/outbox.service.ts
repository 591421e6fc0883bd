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

/** One event for `addMany`: its subject and the payload that subject carries. */
export type OutboxEvent = {
  [S in EventSubject]: { subject: S; data: EventMap[S] } & AddEventOptions;
}[EventSubject];

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
    const [id] = await this.addMany(manager, [{ subject, data, ...o }] as OutboxEvent[]);
    return id;
  }

  /**
   * Several events in one statement, in the given order, with the same guarantee as `add`: bulk
   * work (an import's batch of registrations) writes its events without a round trip each.
   */
  async addMany(manager: EntityManager, events: readonly OutboxEvent[]): Promise<string[]> {
    for (const { subject } of events) {
      if (!streamForSubject(subject))
        throw new Error(`No stream captures ${subject}: add its domain to STREAMS`);
    }
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.add needs the EntityManager of an open transaction');
    }
    if (events.length === 0) return [];
    const headers = JSON.stringify({ traceparent: childTraceparent(currentTraceparent()) });
    const time = this.options.clock.now().toISOString();
    const envelopes = events.map(({ subject, data, entityId }) => {
      if (!streamForSubject(subject))
        throw new Error(`No stream captures ${subject}: add its domain to STREAMS`);
      const envelope: CloudEvent<unknown> = {
        specversion: '1.0',
        id: randomUUID(),
        source: `terpadu/${this.options.service}`,
        type: subject,
        time,
        ...(entityId !== undefined ? { subject: entityId } : {}),
        datacontenttype: 'application/json',
        data,
      };
      return envelope;
    });
    // One round trip: the rows, and a NOTIFY that PostgreSQL delivers to the relay at commit.
    await manager.query(
      `WITH inserted AS (
         INSERT INTO outbox (id, subject, envelope, headers)
         SELECT e.id, e.subject, e.envelope, $4::jsonb
           FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS e(id, subject, envelope, n)
          ORDER BY e.n
         RETURNING id
       )
       SELECT pg_notify('outbox', '') FROM (SELECT 1 FROM inserted LIMIT 1) AS any_row`,
      [
        envelopes.map((e) => e.id),
        envelopes.map((e) => e.type),
        envelopes.map((e) => JSON.stringify(e)),
        headers,
      ],
    );
    return envelopes.map((e) => e.id);
  }
}
