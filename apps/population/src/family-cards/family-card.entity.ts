import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A family card (KK). Its number is issued by the registry; its address is the head's address when
 * the card was issued. The head is the active member whose relationship is KEPALA_KELUARGA.
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

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
