import { Column, Entity, PrimaryColumn } from 'typeorm';

export type MoveDirection = 'OUT' | 'IN';

/** A registered move out of or into the regency's registry; its people are in `move_members`. */
@Entity({ name: 'moves' })
export class Move {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 3 })
  direction: MoveDirection;

  /** OUT: the destination; IN: where the people came from, when known. */
  @Column({ name: 'region_code', type: 'varchar', length: 10, nullable: true })
  regionCode: string | null;

  @Column({ name: 'moved_on', type: 'date' })
  movedOn: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  /** OUT: the card of a whole family that moved (now closed); IN: the card joined or issued. */
  @Column({ name: 'family_card_id', type: 'uuid', nullable: true })
  familyCardId: string | null;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
