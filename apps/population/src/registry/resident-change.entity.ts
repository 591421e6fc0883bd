import type { ResidentChangeKind } from '@terpadu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type { ResidentChangeKind };

export interface FieldChange {
  /** Dotted path as in the request, e.g. `fullName` or `address.villageCode`. */
  field: string;
  /** Every correctable field is text, an enum value or an ISO date; an absent hamlet is null. */
  from: string | null;
  to: string | null;
}

/** One entry of a resident's history: the registration, a correction or a life event, with its reason. Never updated. */
@Entity({ name: 'resident_changes' })
export class ResidentChange {
  @PrimaryColumn('uuid')
  id: string;

  /** Insertion order: breaks ties between entries with the same `changed_at`. */
  @Column({
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    generated: 'identity',
    insert: false,
    update: false,
  })
  position: string;

  @Column({ name: 'resident_id', type: 'uuid' })
  residentId: string;

  @Column({ type: 'varchar', length: 12 })
  kind: ResidentChangeKind;

  /** The actor's subject (user id). */
  @Column({ name: 'changed_by', type: 'text' })
  changedBy: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb' })
  changes: FieldChange[];
}
