import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DataAccessAction } from './data-access-action';

/**
 * The processing record UU PDP 27/2022 asks for, for health data (specific personal data): who
 * touched whose data, when, and how. Written in the same transaction as the read or write it
 * records. Holds ids only, never a NIK, a name or a clinical detail.
 */
@Entity({ name: 'data_access_log' })
export class DataAccessLog {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_sub', type: 'text' })
  actorSub: string;

  @Column({ type: 'varchar', length: 40 })
  action: DataAccessAction;

  /** Population's resident ids of every person whose data was read or written. */
  @Column({ name: 'resident_ids', type: 'uuid', array: true })
  residentIds: string[];

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;
}
