import { InsuranceClass } from '@terpadu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's current JKN membership; a card number belongs to one person (unique). */
@Entity({ name: 'insurance_memberships' })
export class InsuranceMembership {
  @PrimaryColumn({ name: 'resident_id', type: 'uuid' })
  residentId: string;

  @Column({ type: 'varchar', length: 13 })
  number: string;

  @Column({ type: 'smallint' })
  class: InsuranceClass;

  @Column({ type: 'boolean' })
  pbi: boolean;

  @Column({ name: 'active_from', type: 'date' })
  activeFrom: string;

  @Column({ name: 'active_until', type: 'date', nullable: true })
  activeUntil: string | null;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
