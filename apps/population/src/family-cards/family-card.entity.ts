import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A family card (KK). Its number is issued by the registry; its address is the head's address when
 * the card was issued (or the address given when it was split off or issued to people moving in).
 * The head is the active member whose relationship is KEPALA_KELUARGA; a card may be without one
 * while `needsNewHead`, and has no member once closed.
 */
@Entity({ name: 'family_cards' })
export class FamilyCard {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  number: string;

  @Column({ name: 'village_code', type: 'varchar', length: 10 })
  villageCode: string;

  @Column({ type: 'varchar', length: 3 })
  rt: string;

  @Column({ type: 'varchar', length: 3 })
  rw: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  hamlet: string | null;

  @Column({ type: 'varchar', length: 200 })
  street: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn: string;

  /**
   * The head died, moved out or was deactivated and members are left: a new head must be named.
   * Optional here (as the two below) because the database defaults it on insert.
   */
  @Column({ name: 'needs_new_head', type: 'boolean', default: false })
  needsNewHead?: boolean;

  /** Set when the last member left (the whole family moved out, or the last member died). */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @Column({ name: 'close_reason', type: 'varchar', length: 500, nullable: true })
  closeReason?: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
