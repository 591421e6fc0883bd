import { Column, Entity, PrimaryColumn } from 'typeorm';

const decimal = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A registered birth: the child's record, the parents, the card joined and the certificate number. */
@Entity({ name: 'births' })
export class Birth {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'certificate_number', type: 'varchar', length: 32 })
  certificateNumber: string;

  @Column({ name: 'child_resident_id', type: 'uuid' })
  childResidentId: string;

  @Column({ name: 'mother_resident_id', type: 'uuid' })
  motherResidentId: string;

  @Column({ name: 'father_resident_id', type: 'uuid', nullable: true })
  fatherResidentId: string | null;

  @Column({ name: 'family_card_id', type: 'uuid' })
  familyCardId: string;

  /** The registering office's district code: the first six digits of the child's NIK. */
  @Column({ name: 'district_code', type: 'varchar', length: 6 })
  districtCode: string;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  /** Local time, `HH:mm`. */
  @Column({ name: 'birth_time', type: 'varchar', length: 5 })
  birthTime: string;

  @Column({ name: 'birth_place', type: 'varchar', length: 100 })
  birthPlace: string;

  @Column({ name: 'weight_grams', type: 'int' })
  weightGrams: number;

  @Column({ name: 'length_cm', type: 'numeric', precision: 3, scale: 1, transformer: decimal })
  lengthCm: number;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
