import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A dose given. At most one per (child, vaccine, dose): the unique constraint settles races. */
@Entity({ name: 'immunizations' })
export class Immunization {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'resident_id', type: 'uuid' })
  residentId: string;

  @Column({ type: 'varchar', length: 20 })
  vaccine: string;

  @Column({ type: 'smallint' })
  dose: number;

  @Column({ name: 'given_on', type: 'date' })
  givenOn: string;

  @Column({ type: 'varchar', length: 150 })
  facility: string;

  @Column({ type: 'varchar', length: 50 })
  batch: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
