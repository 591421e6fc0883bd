import type {
  LetterBusinessDto,
  LetterDeathDto,
  LetterStatus,
  LetterType,
  MaritalStatus,
  Religion,
  Sex,
} from '@terpadu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The fields only some types carry (business of a BUSINESS_DOMICILE, death of a DEATH_CERTIFICATE). */
export interface LetterDetails {
  business?: LetterBusinessDto;
  death?: LetterDeathDto;
}

/**
 * Everything a signed letter prints that lives elsewhere, frozen at signing: a reprint shows what
 * was signed even after the resident is corrected, a region renamed or the type's rule changed.
 */
export interface PrintedLetter {
  title: string;
  holder: {
    nik: string;
    fullName: string;
    birthPlace: string;
    birthDate: string;
    sex: Sex;
    religion: Religion;
    maritalStatus: MaritalStatus;
    occupation: string;
    rt: string;
    rw: string;
    hamlet: string | null;
    street: string;
  };
  village: { code: string; name: string; kind: string };
  district: string;
  regency: string;
  province: string;
}

/** A letter of a village for one resident: drafted, then signed (numbered) and possibly revoked. */
@Entity({ name: 'letters' })
export class Letter {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 30 })
  type: LetterType;

  @Column({ type: 'varchar', length: 10 })
  status: LetterStatus;

  @Column({ name: 'resident_id', type: 'uuid' })
  residentId: string;

  /** The issuing village: the holder's when the letter was drafted. */
  @Column({ name: 'village_code', type: 'varchar', length: 10 })
  villageCode: string;

  @Column({ type: 'varchar', length: 500 })
  purpose: string;

  @Column({ type: 'jsonb' })
  details: LetterDetails;

  /** Requested in the draft, or decided at signing. */
  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom: string | null;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ name: 'drafted_by', type: 'text' })
  draftedBy: string;

  @Column({ type: 'varchar', length: 80, nullable: true })
  number: string | null;

  @Column({ name: 'number_year', type: 'int', nullable: true })
  numberYear: number | null;

  @Column({ type: 'int', nullable: true })
  sequence: number | null;

  @Column({ name: 'verification_code', type: 'varchar', length: 32, nullable: true })
  verificationCode: string | null;

  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn: string | null;

  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true })
  signedAt: Date | null;

  @Column({ name: 'signed_by', type: 'text', nullable: true })
  signedBy: string | null;

  @Column({ name: 'signer_name', type: 'varchar', length: 150, nullable: true })
  signerName: string | null;

  @Column({ type: 'jsonb', nullable: true })
  printed: PrintedLetter | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by', type: 'text', nullable: true })
  revokedBy: string | null;

  @Column({ name: 'revocation_reason', type: 'varchar', length: 500, nullable: true })
  revocationReason: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
