import { CheckupKind } from '@terpadu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A routine checkup of a person. */
@Entity({ name: 'checkups' })
export class Checkup {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'resident_id', type: 'uuid' })
  residentId: string;

  @Column({ name: 'checked_on', type: 'date' })
  checkedOn: string;

  @Column({ type: 'varchar', length: 150 })
  facility: string;

  @Column({ type: 'varchar', length: 20 })
  kind: CheckupKind;

  @Column({ name: 'icd10_code', type: 'varchar', length: 8, nullable: true })
  icd10Code: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
