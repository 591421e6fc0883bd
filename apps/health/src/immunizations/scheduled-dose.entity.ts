import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One planned dose of a child's schedule, with its dates computed from the birth date. */
@Entity({ name: 'scheduled_doses' })
export class ScheduledDose {
  @PrimaryColumn({ name: 'schedule_id', type: 'uuid' })
  scheduleId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  vaccine: string;

  @PrimaryColumn({ type: 'smallint' })
  dose: number;

  @Column({ name: 'earliest_on', type: 'date' })
  earliestOn: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'overdue_from', type: 'date' })
  overdueFrom: string;

  @Column({ name: 'latest_on', type: 'date', nullable: true })
  latestOn: string | null;
}
