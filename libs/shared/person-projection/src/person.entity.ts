import { ResidentStatus, Sex } from '@terpadu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A person as health knows them: a projection fed only by population events (see
 * PopulationEventsHandler). The resident id is population's; the NIK is what callers send.
 */
@Entity({ name: 'persons' })
export class Person {
  @PrimaryColumn({ name: 'resident_id', type: 'uuid' })
  residentId: string;

  @Column({ type: 'varchar', length: 16 })
  nik: string;

  @Column({ name: 'full_name', type: 'varchar', length: 150 })
  fullName: string;

  @Column({ type: 'varchar', length: 10 })
  sex: Sex;

  /** SQL `date`, read back as `YYYY-MM-DD` (see data-source.ts). */
  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ name: 'village_code', type: 'varchar', length: 10 })
  villageCode: string;

  @Column({ name: 'family_card_number', type: 'varchar', length: 16, nullable: true })
  familyCardNumber: string | null;

  @Column({ type: 'varchar', length: 10 })
  status: ResidentStatus;

  @Column({ name: 'died_on', type: 'date', nullable: true })
  diedOn: string | null;

  @Column({ name: 'moved_out_on', type: 'date', nullable: true })
  movedOutOn: string | null;

  /** Set when population deactivated this record as a duplicate: health no longer answers for it. */
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  /** The record this one duplicated; its health records were merged there. */
  @Column({ name: 'duplicate_of_resident_id', type: 'uuid', nullable: true })
  duplicateOfResidentId: string | null;

  /** Time of the event that last set name, sex, birth date and village. */
  @Column({ name: 'details_as_of', type: 'timestamptz' })
  detailsAsOf: Date;

  /** Time of the event that last set the status. */
  @Column({ name: 'status_as_of', type: 'timestamptz' })
  statusAsOf: Date;

  /** Time of the event that last set the family card. */
  @Column({ name: 'family_card_as_of', type: 'timestamptz' })
  familyCardAsOf: Date;
}
