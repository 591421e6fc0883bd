import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One version of the national immunization schedule (data, seeded by migrations). */
@Entity({ name: 'immunization_schedule_versions' })
export class ScheduleVersion {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  version: string;

  /** New schedules use the latest version in force on the day they are made. */
  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  /** Doses recommended before this age (365 days = 12 months) make up complete basic immunization. */
  @Column({ name: 'basic_before_age_days', type: 'integer' })
  basicBeforeAgeDays: number;

  @Column({ type: 'text' })
  source: string;
}
