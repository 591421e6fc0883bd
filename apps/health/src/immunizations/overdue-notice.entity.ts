import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The overdue scan's claim on a dose, inserted in the transaction that writes its overdue event to
 * the outbox. The primary key makes a second claim (another replica, another day) a no-op.
 */
@Entity({ name: 'overdue_notices' })
export class OverdueNotice {
  @PrimaryColumn({ name: 'resident_id', type: 'uuid' })
  residentId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  vaccine: string;

  @PrimaryColumn({ type: 'smallint' })
  dose: number;

  @Column({ name: 'overdue_from', type: 'date' })
  overdueFrom: string;

  /** The `noticeId` of the overdue event. */
  @Column({ name: 'notice_id', type: 'uuid' })
  noticeId: string;

  @Column({ name: 'noticed_at', type: 'timestamptz' })
  noticedAt: Date;
}
