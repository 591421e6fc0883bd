import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An event waiting to be published (or already published) by the outbox relay. Written in the
 * same transaction as the change it reports; `sent_at` is set once JetStream acknowledged it.
 */
@Entity({ name: 'outbox' })
@Index('outbox_unsent_idx', ['createdAt', 'position'], { where: 'sent_at IS NULL' })
@Index('outbox_sent_at_idx', ['sentAt'], { where: 'sent_at IS NOT NULL' })
export class OutboxEvent {
  @PrimaryColumn('uuid')
  id: string;

  /** Insertion order; breaks ties between events of one transaction (same `created_at`). */
  @Column({
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    generated: 'identity',
    insert: false,
    update: false,
  })
  position: string;

  @Column('text')
  subject: string;

  /** The full CloudEvents 1.0 envelope exactly as it is published. */
  @Column('jsonb')
  envelope: Record<string, unknown>;

  /** NATS headers to publish with it (W3C `traceparent`). */
  @Column('jsonb')
  headers: Record<string, string>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** Failed publish attempts so far. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
