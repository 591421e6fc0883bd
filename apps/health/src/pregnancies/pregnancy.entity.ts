import { DeliveryOutcome, PregnancyStatus } from '@terpadu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A registered pregnancy; at most one ACTIVE per mother (partial unique index). */
@Entity({ name: 'pregnancies' })
export class Pregnancy {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'mother_id', type: 'uuid' })
  motherId: string;

  @Column({ name: 'expected_delivery_date', type: 'date' })
  expectedDeliveryDate: string;

  @Column({ type: 'varchar', length: 10 })
  status: PregnancyStatus;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  @Column({ name: 'delivered_on', type: 'date', nullable: true })
  deliveredOn: string | null;

  @Column({ name: 'delivery_facility', type: 'varchar', length: 150, nullable: true })
  deliveryFacility: string | null;

  @Column({ name: 'delivery_outcome', type: 'varchar', length: 12, nullable: true })
  deliveryOutcome: DeliveryOutcome | null;

  /** CLOSED (the mother died): the day. */
  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;
}
