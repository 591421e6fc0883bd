import type { DeathCauseCategory, ReporterRelationship } from '@terpadu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A registered death. One per person: a unique constraint on `residentId` decides between racing registrations. */
@Entity({ name: 'deaths' })
export class Death {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'certificate_number', type: 'varchar', length: 32 })
  certificateNumber: string;

  @Column({ name: 'resident_id', type: 'uuid' })
  residentId: string;

  @Column({ name: 'date_of_death', type: 'date' })
  dateOfDeath: string;

  @Column({ name: 'place_of_death', type: 'varchar', length: 100 })
  placeOfDeath: string;

  @Column({ name: 'cause_category', type: 'varchar', length: 20 })
  causeCategory: DeathCauseCategory;

  @Column({ name: 'reporter_name', type: 'varchar', length: 150, nullable: true })
  reporterName: string | null;

  @Column({ name: 'reporter_nik', type: 'varchar', length: 16, nullable: true })
  reporterNik: string | null;

  @Column({ name: 'reporter_relationship', type: 'varchar', length: 20 })
  reporterRelationship: ReporterRelationship;

  /** The card the person left, if any. */
  @Column({ name: 'family_card_id', type: 'uuid', nullable: true })
  familyCardId: string | null;

  @Column({ name: 'was_head', type: 'boolean' })
  wasHead: boolean;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
