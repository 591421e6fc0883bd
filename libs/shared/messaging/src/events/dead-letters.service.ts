import { Inject, Injectable, Logger } from '@nestjs/common';
import { type CloudEvent, type DeadLetterView, ErrorCode } from '@terpadu/contracts';
import { DataSource } from 'typeorm';
import { DomainException } from '../errors/domain.exception';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from '../messaging.options';
import { errorText } from '../nats/nats-client';
import { EventConsumers } from './event-consumers';

interface DeadLetterRow {
  id: string;
  consumer: string;
  event_id: string;
  event_type: string;
  envelope: CloudEvent<unknown>;
  headers: Record<string, string>;
  error: string;
  attempts: number;
  parked_at: Date;
  replayed_at: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST_LIMIT = 1000;

/** Inspection and replay of this service's dead letters (answered on rpc.<service>.dead-letters.*). */
@Injectable()
export class DeadLettersService {
  private readonly logger = new Logger(DeadLettersService.name);

  constructor(
    private readonly consumers: EventConsumers,
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
  ) {}

  /** Newest first, at most 1000; replayed ones only when asked. */
  async list(includeReplayed: boolean): Promise<DeadLetterView[]> {
    const rows = await this.dataSource.query<DeadLetterRow[]>(
      `SELECT * FROM dead_letters ${includeReplayed ? '' : 'WHERE replayed_at IS NULL'}
        ORDER BY parked_at DESC, id LIMIT ${LIST_LIMIT}`,
    );
    return rows.map((row) => this.toView(row));
  }

  /**
   * Runs the consumer's handler for the parked event through the same inbox transaction as a
   * delivery (so an event already handled is not handled twice) and marks the dead letter
   * replayed in that transaction. If the handler fails again, the dead letter stays open with
   * the new error and one more attempt, and the error is thrown.
   */
  async replay(id: string): Promise<DeadLetterView> {
    const notFound = new DomainException(ErrorCode.DEAD_LETTER_NOT_FOUND, 'No dead letter with this id');
    if (!UUID.test(id)) throw notFound;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [row] = await manager.query<DeadLetterRow[]>(
          `SELECT * FROM dead_letters WHERE id = $1 FOR UPDATE`,
          [id],
        );
        if (!row) throw notFound;
        if (row.replayed_at) {
          throw new DomainException(
            ErrorCode.DEAD_LETTER_ALREADY_REPLAYED,
            'This dead letter was already replayed',
          );
        }
        const registration = this.consumers.get(row.consumer);
        if (!registration) {
          throw new DomainException(
            ErrorCode.DEAD_LETTER_NOT_FOUND,
            `The consumer ${row.consumer} of this dead letter no longer exists in ${this.options.service}`,
          );
        }
        await this.consumers.handleInTransaction(
          manager,
          registration,
          row.envelope,
          row.headers.traceparent,
        );
        const [replayed] = await manager.query<DeadLetterRow[]>(
          // (a SELECT around the UPDATE: TypeORM returns [rows, count] for a bare UPDATE)
          `WITH updated AS (UPDATE dead_letters SET replayed_at = $2 WHERE id = $1 RETURNING *) SELECT * FROM updated`,
          [id, this.options.clock.now()],
        );
        return this.toView(replayed);
      });
    } catch (error) {
      if (error instanceof DomainException) throw error;
      this.logger.warn(`Replay of dead letter ${id} failed: ${errorText(error)}`);
      await this.dataSource.query(
        `UPDATE dead_letters SET attempts = attempts + 1, error = $2 WHERE id = $1`,
        [id, errorText(error).slice(0, 4000)],
      );
      throw error;
    }
  }

  private toView(row: DeadLetterRow): DeadLetterView {
    return {
      id: row.id,
      service: this.options.service,
      consumer: row.consumer,
      eventId: row.event_id,
      eventType: row.event_type,
      attempts: row.attempts,
      error: row.error,
      parkedAt: row.parked_at.toISOString(),
      replayedAt: row.replayed_at ? row.replayed_at.toISOString() : null,
    };
  }
}
