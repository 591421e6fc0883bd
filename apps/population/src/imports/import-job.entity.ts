import { type Actor, ImportStatus } from '@terpadu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One uploaded file and its progress. The file's SHA-256 is unique: uploading the same file again
 * finds this job. The actor who uploaded it is kept, since rows are registered in the background
 * with that actor's jurisdiction and in that actor's name.
 */
@Entity({ name: 'import_jobs' })
export class ImportJob {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  filename: string | null;

  /** Header text of each layout column the file has (ImportColumn -> as written). */
  @Column({ type: 'jsonb' })
  columns: Record<string, string>;

  @Column({ type: 'varchar', length: 10 })
  status: ImportStatus;

  /** The open upload while QUEUED; an upload with another token has been superseded. */
  @Column({ name: 'upload_token', type: 'uuid', nullable: true })
  uploadToken: string | null;

  @Column({ type: 'jsonb' })
  actor: Actor;

  @Column({ type: 'int' })
  total: number;

  @Column({ type: 'int' })
  processed: number;

  @Column({ type: 'int' })
  accepted: number;

  @Column({ type: 'int' })
  unchanged: number;

  @Column({ type: 'int' })
  rejected: number;

  @Column({ type: 'text', nullable: true })
  failure: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
