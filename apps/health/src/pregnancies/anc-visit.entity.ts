import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An antenatal care visit of a pregnancy. */
@Entity({ name: 'anc_visits' })
export class AncVisit {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'pregnancy_id', type: 'uuid' })
  pregnancyId: string;

  @Column({ name: 'visited_on', type: 'date' })
  visitedOn: string;

  @Column({ type: 'varchar', length: 150 })
  facility: string;

  @Column({ name: 'gestational_weeks', type: 'smallint', nullable: true })
  gestationalWeeks: number | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
