import { FamilyRelationship } from '@terpadu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One membership of a resident in a family card, current (`leftAt` null) or past. A resident has at
 * most one current membership: a partial unique index enforces it, not only the service.
 */
@Entity({ name: 'family_card_members' })
export class FamilyCardMember {
  @PrimaryColumn('uuid')
  id: string;

  /** Insertion order: the order people joined, also when they joined in the same instant. */
  @Column({
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    generated: 'identity',
    insert: false,
    update: false,
  })
  position: string;

  @Column({ name: 'family_card_id', type: 'uuid' })
  familyCardId: string;

  @Column({ name: 'resident_id', type: 'uuid' })
  residentId: string;

  @Column({ type: 'varchar', length: 20 })
  relationship: FamilyRelationship;

  @Column({ name: 'joined_at', type: 'timestamptz' })
  joinedAt: Date;

  @Column({ name: 'left_at', type: 'timestamptz', nullable: true })
  leftAt: Date | null;

  @Column({ name: 'leave_reason', type: 'varchar', length: 500, nullable: true })
  leaveReason: string | null;
}
