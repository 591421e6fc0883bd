import { ImportRejectReason, ImportRowDefect, ImportRowOutcome } from '@terpadu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row of an uploaded file: its values until it is processed, then its outcome. A row without an
 * outcome is pending; the values are cleared once processed, so the job keeps only the report.
 */
@Entity({ name: 'import_rows' })
export class ImportRow {
  @PrimaryColumn({ name: 'job_id', type: 'uuid' })
  jobId: string;

  /** Line of the file where the record ends (the header is line 1). */
  @PrimaryColumn({ name: 'line', type: 'int' })
  row: number;

  /** The values in IMPORT_COLUMNS order; null once processed. */
  @Column({ name: 'fields', type: 'text', array: true, nullable: true })
  values: string[] | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  defect: ImportRowDefect | null;

  /** NO_KK with spaces and dots stripped: rows of one family are processed in one batch. */
  @Column({ name: 'family_card_key', type: 'varchar', length: 40 })
  familyCardKey: string;

  @Column({ type: 'varchar', length: 12, nullable: true })
  outcome: ImportRowOutcome | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  reason: ImportRejectReason | null;

  @Column({ name: 'column_name', type: 'varchar', length: 100, nullable: true })
  columnName: string | null;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  /** The row's NIK when it has the shape of one (set when the row arrives): finds duplicates in the file. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  nik: string | null;

  @Column({ name: 'resident_id', type: 'uuid', nullable: true })
  residentId: string | null;

  @Column({ name: 'family_card_number', type: 'varchar', length: 16, nullable: true })
  familyCardNumber: string | null;

  /** STAT_HBKEL reads KEPALA KELUARGA: the first such line of a KK heads it. Set when the row arrives. */
  @Column({ name: 'is_head', type: 'boolean' })
  isHead: boolean;
}
