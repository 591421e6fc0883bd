import { LetterType } from '@terpadu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How letters of a type are titled, numbered and how long they are valid, from `effective_from` on.
 * Versioned data (seeded by the migration): the rule in force on the signing date applies.
 */
@Entity({ name: 'letter_type_rules' })
export class LetterTypeRule {
  @PrimaryColumn({ type: 'varchar', length: 30 })
  type: LetterType;

  @PrimaryColumn({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  /** The heading printed on the letter, e.g. SURAT KETERANGAN TIDAK MAMPU. */
  @Column({ type: 'text' })
  title: string;

  /** The type's part of the number, e.g. SKTM. */
  @Column({ name: 'number_code', type: 'varchar', length: 10 })
  numberCode: string;

  /** The archive classification code that opens the number, e.g. 470. */
  @Column({ name: 'classification_code', type: 'varchar', length: 20 })
  classificationCode: string;

  /** Months of validity from the first valid day; null: the letter does not expire. */
  @Column({ name: 'validity_months', type: 'int', nullable: true })
  validityMonths: number | null;

  /** Where the figures come from. */
  @Column({ type: 'text' })
  source: string;
}
