import type { FamilyRelationship } from '@terpadu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One person of a move, with the card they left (OUT) or joined (IN). */
@Entity({ name: 'move_members' })
export class MoveMember {
  @PrimaryColumn({ name: 'move_id', type: 'uuid' })
  moveId: string;

  @PrimaryColumn({ name: 'resident_id', type: 'uuid' })
  residentId: string;

  @Column({ name: 'family_card_id', type: 'uuid', nullable: true })
  familyCardId: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  relationship: FamilyRelationship | null;

  /** IN: the person was registered here before and had moved out. */
  @Column({ name: 'returned', type: 'boolean', default: false })
  returning: boolean;
}
