import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One event handled by one consumer. Inserted in the same transaction as the handler's effect,
 * so a redelivered event finds its row and the handler is skipped.
 */
@Entity({ name: 'inbox' })
@Index('inbox_handled_at_idx', ['handledAt'])
export class InboxEntry {
  @PrimaryColumn('text')
  consumer: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'handled_at', type: 'timestamptz', default: () => 'now()' })
  handledAt: Date;
}
