import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The processing record UU PDP 27/2022 asks for: who touched whose data, when, and how. Written in
 * the same transaction as the read or write it records. Holds ids only, never a NIK, a name or a
 * clinical detail. Every service that keeps personal data has this table (the kit's migration).
 */
@Entity({ name: 'data_access_log' })
export class DataAccessLog {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_sub', type: 'text' })
  actorSub: string;

  /** One of the service's own `DataAccessAction` values (what was done). */
  @Column({ type: 'varchar', length: 40 })
  action: string;

  /** Population's resident ids of every person whose data was read or written. */
  @Column({ name: 'resident_ids', type: 'uuid', array: true })
  residentIds: string[];

  /** The family card read or written, where the access was about a card as a whole. */
  @Column({ name: 'family_card_id', type: 'uuid', nullable: true })
  familyCardId: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;
}
