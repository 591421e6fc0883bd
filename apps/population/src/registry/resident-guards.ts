import { ErrorCode, ResidentStatus } from '@terpadu/contracts';
import { DomainException } from '@terpadu/messaging';
import type { Resident } from './resident.entity';

/**
 * Refuses an action on a person it makes no sense for: a record deactivated as a duplicate, a
 * deceased, moved-out or missing person. `allow` lists the statuses the action accepts besides
 * HIDUP (a death may be registered for a missing person; a birth may name a deceased mother).
 * `field` names the request field that designates the person, when there is one.
 */
export function assertActive(
  resident: Resident,
  o: { allow?: readonly ResidentStatus[]; field?: string; role?: string } = {},
): void {
  const who = o.role ?? 'The resident';
  const errors = o.field
    ? [{ field: o.field, code: 'status', message: `${o.field} names a person who cannot take part` }]
    : undefined;
  if (resident.deactivatedAt) {
    throw new DomainException(
      ErrorCode.RESIDENT_DEACTIVATED,
      `${who}'s record was deactivated as a duplicate; use the record that was kept`,
      errors,
    );
  }
  if (resident.status === ResidentStatus.Hidup || o.allow?.includes(resident.status)) return;
  switch (resident.status) {
    case ResidentStatus.Mati:
      throw new DomainException(ErrorCode.RESIDENT_DECEASED, `${who} is deceased`, errors);
    case ResidentStatus.Pindah:
      throw new DomainException(
        ErrorCode.RESIDENT_MOVED_OUT,
        `${who} has moved out of the registry; register a move in first`,
        errors,
      );
    default:
      throw new DomainException(
        ErrorCode.RESIDENT_NOT_ACTIVE,
        `${who} is not active (status ${resident.status})`,
        errors,
      );
  }
}

/** A date after the registry's today: VALIDATION_FAILED on the field. */
export function assertNotInFuture(date: string, today: string, field: string): void {
  if (date > today) {
    throw new DomainException(ErrorCode.VALIDATION_FAILED, 'The request is not valid', [
      { field, code: 'notInFuture', message: `${field} cannot be after today` },
    ]);
  }
}
