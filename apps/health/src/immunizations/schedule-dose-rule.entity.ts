import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DoseRule } from './dose-plan';

/** One dose of a schedule version; ages in days from birth (conversions in the seeding migration). */
@Entity({ name: 'immunization_schedule_doses' })
export class ScheduleDoseRule implements DoseRule {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  version: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  vaccine: string;

  @PrimaryColumn({ type: 'smallint' })
  dose: number;

  @Column({ type: 'varchar', length: 40 })
  label: string;

  @Column({ name: 'earliest_age_days', type: 'integer' })
  earliestAgeDays: number;

  @Column({ name: 'recommended_age_days', type: 'integer' })
  recommendedAgeDays: number;

  @Column({ name: 'grace_days', type: 'integer' })
  graceDays: number;

  @Column({ name: 'latest_age_days', type: 'integer', nullable: true })
  latestAgeDays: number | null;

  @Column({ name: 'min_interval_days', type: 'integer', nullable: true })
  minIntervalDays: number | null;

  @Column({ name: 'region_prefixes', type: 'text', array: true, nullable: true })
  regionPrefixes: string[] | null;
}
