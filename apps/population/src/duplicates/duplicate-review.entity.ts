import type { DuplicateReason, DuplicateReviewStatus } from '@terpadu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A pair of records that may be one person, found when `residentId` entered the registry, and how a
 * registrar resolved it. Never deleted: the resolution stays as the reason a record was deactivated.
 */
@Entity({ name: 'duplicate_reviews' })
export class DuplicateReview {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'resident_id', type: 'uuid' })
  residentId: string;

  @Column({ name: 'candidate_resident_id', type: 'uuid' })
  candidateResidentId: string;

  @Column({ type: 'text', array: true })
  reasons: DuplicateReason[];

  @Column({ type: 'varchar', length: 10 })
  status: DuplicateReviewStatus;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'resolved_by', type: 'text', nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolution_reason', type: 'varchar', length: 500, nullable: true })
  resolutionReason: string | null;

  @Column({ name: 'kept_resident_id', type: 'uuid', nullable: true })
  keptResidentId: string | null;

  @Column({ name: 'deactivated_resident_id', type: 'uuid', nullable: true })
  deactivatedResidentId: string | null;
}
