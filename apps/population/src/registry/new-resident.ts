import { randomUUID } from 'node:crypto';
import { type ParsedNik, ResidentStatus } from '@terpadu/contracts';
import { normalizeName } from '@terpadu/service-kit';
import type { PersonData, ResidentAddress } from './resident-fields';
import type { Resident } from './resident.entity';
import { reviewFlagsFor } from './review-flags';

/**
 * The record of a person new to the registry (registered with a NIK, born, moving in, imported):
 * living, at `address`, with a fresh id, the name as search compares it, and the review flags where
 * the NIK and the recorded data disagree. It is written by ResidentRecordsService.register.
 */
export function newResident(
  nik: ParsedNik,
  person: PersonData,
  address: ResidentAddress,
  now: Date,
): Resident {
  return {
    id: randomUUID(),
    nik: nik.nik,
    fullName: person.fullName,
    fullNameNormalized: normalizeName(person.fullName),
    birthPlace: person.birthPlace,
    birthDate: person.birthDate,
    sex: person.sex,
    religion: person.religion,
    maritalStatus: person.maritalStatus,
    occupation: person.occupation,
    educationLevel: person.educationLevel,
    villageCode: address.villageCode,
    rt: address.rt,
    rw: address.rw,
    hamlet: address.hamlet,
    street: address.street,
    status: ResidentStatus.Hidup,
    reviewFlags: reviewFlagsFor(nik, { birthDate: person.birthDate, sex: person.sex }),
    createdAt: now,
    updatedAt: now,
  };
}
