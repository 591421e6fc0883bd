import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An event a consumer gave up on after its last allowed delivery, with the error it failed with.
 *
 * There is no unique (consumer, event_id): a replayed dead letter keeps its row (with
 * `replayed_at`), and the same event may be parked again later (a replay that later fails on a
 * redelivery, or a republish after the dedupe window). At most one row per (consumer, event_id)
 * is open (`replayed_at IS NULL`) at a time: parking an already parked event updates that row.
 */
@Entity({ name: 'dead_letters' })
@Index('dead_letters_open_uq', ['consumer', 'eventId'], { unique: true, where: 'replayed_at IS NULL' })
@Index('dead_letters_replayed_at_idx', ['replayedAt'], { where: 'replayed_at IS NOT NULL' })
export class DeadLetter {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  consumer: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column('jsonb')
  envelope: Record<string, unknown>;

  @Column('jsonb')
  headers: Record<string, string>;

  @Column('text')
  error: string;

  @Column('int')
  attempts: number;

  @Index('dead_letters_parked_at_idx')
  @Column({ name: 'parked_at', type: 'timestamptz', default: () => 'now()' })
  parkedAt: Date;

  @Column({ name: 'replayed_at', type: 'timestamptz', nullable: true })
  replayedAt: Date | null;
}
