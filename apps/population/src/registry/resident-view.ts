import type { ResidentFamilyCardView, ResidentView } from '@terpadu/contracts';
import type { Resident } from './resident.entity';
import { reviewFlagViews } from './review-flags';

/** A record as answered: by the residents' lookups and by the life events that answer their persons. */
export function residentView(r: Resident, familyCard: ResidentFamilyCardView | null): ResidentView {
  return {
    id: r.id,
    nik: r.nik,
    fullName: r.fullName,
    birthPlace: r.birthPlace,
    birthDate: r.birthDate,
    sex: r.sex,
    religion: r.religion,
    maritalStatus: r.maritalStatus,
    occupation: r.occupation,
    educationLevel: r.educationLevel,
    address: {
      villageCode: r.villageCode,
      rt: r.rt,
      rw: r.rw,
      ...(r.hamlet !== null ? { hamlet: r.hamlet } : {}),
      street: r.street,
    },
    status: r.status,
    familyCard,
    reviewFlags: reviewFlagViews(r.reviewFlags),
    deactivation:
      r.deactivatedAt && r.deactivationReason && r.duplicateOfResidentId
        ? {
            deactivatedAt: r.deactivatedAt.toISOString(),
            reason: r.deactivationReason,
            duplicateOfResidentId: r.duplicateOfResidentId,
          }
        : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
