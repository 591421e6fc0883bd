import { ScheduleOrigin, ScheduleStatus } from '@terpadu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A child's immunization schedule: one per child, following one version of the schedule data. */
@Entity({ name: 'child_schedules' })
export class ChildSchedule {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'resident_id', type: 'uuid' })
  residentId: string;

  @Column({ type: 'varchar', length: 40 })
  version: string;

  @Column({ type: 'varchar', length: 10 })
  origin: ScheduleOrigin;

  @Column({ type: 'varchar', length: 12 })
  status: ScheduleStatus;

  /** The day it was closed (death) or transferred (moved out); null while open. */
  @Column({ name: 'status_changed_on', type: 'date', nullable: true })
  statusChangedOn: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
