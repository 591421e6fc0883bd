import {
  EducationLevel,
  MaritalStatus,
  Religion,
  ResidentStatus,
  ReviewFlagCode,
  Sex,
} from '@terpadu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person in the registry. The NIK is unique; the id (not the NIK) is what events and other tables refer to. */
@Entity({ name: 'residents' })
export class Resident {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  nik: string;

  @Column({ name: 'full_name', type: 'varchar', length: 150 })
  fullName: string;

  /** normalizeName(fullName): what name search compares (pg_trgm GIN index). NFKC may lengthen it: text. */
  @Column({ name: 'full_name_normalized', type: 'text' })
  fullNameNormalized: string;

  @Column({ name: 'birth_place', type: 'varchar', length: 100 })
  birthPlace: string;

  /** SQL `date`, read back as the string `YYYY-MM-DD` (see data-source.ts): never through a time zone. */
  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ type: 'varchar', length: 10 })
  sex: Sex;

  @Column({ type: 'varchar', length: 20 })
  religion: Religion;

  @Column({ name: 'marital_status', type: 'varchar', length: 20 })
  maritalStatus: MaritalStatus;

  @Column({ type: 'varchar', length: 100 })
  occupation: string;

  @Column({ name: 'education_level', type: 'varchar', length: 20 })
  educationLevel: EducationLevel;

  @Column({ name: 'village_code', type: 'varchar', length: 10 })
  villageCode: string;

  @Column({ type: 'varchar', length: 3 })
  rt: string;

  @Column({ type: 'varchar', length: 3 })
  rw: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  hamlet: string | null;

  @Column({ type: 'varchar', length: 200 })
  street: string;

  @Column({ type: 'varchar', length: 10 })
  status: ResidentStatus;

  /** Why the record needs a registrar's look (NIK and recorded data disagree); recomputed on correction. */
  @Column({ name: 'review_flags', type: 'text', array: true })
  reviewFlags: ReviewFlagCode[];

  /**
   * Set when a duplicate review found this record to be a second record of `duplicateOfResidentId`.
   * Optional here because the database defaults it (null) on insert.
   */
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt?: Date | null;

  @Column({ name: 'deactivation_reason', type: 'varchar', length: 500, nullable: true })
  deactivationReason?: string | null;

  @Column({ name: 'duplicate_of_resident_id', type: 'uuid', nullable: true })
  duplicateOfResidentId?: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
