import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last family card serial issued for a 12-digit prefix (district code + issue date DDMMYY).
 * Incremented with one upsert whose row lock serializes concurrent issues of the same prefix.
 */
@Entity({ name: 'family_card_serials' })
export class FamilyCardSerial {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  prefix: string;

  @Column({ name: 'last_serial', type: 'int' })
  lastSerial: number;
}
