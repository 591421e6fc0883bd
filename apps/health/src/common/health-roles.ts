import { type Actor, ErrorCode, Role } from '@terpadu/contracts';
import { DomainException } from '@terpadu/messaging';

/**
 * Health data is specific personal data. The gateway's access policy decides who may call what;
 * the service checks again (defense in depth), so a caller that bypasses the gateway's table on a
 * health subject still cannot read or write details.
 *   read details: health workers and admins;  write records: health workers.
 */
export const HEALTH_DETAIL_READERS: readonly string[] = [Role.HealthWorker, Role.Admin];
export const HEALTH_RECORD_WRITERS: readonly string[] = [Role.HealthWorker];

export function canReadDetails(actor: Actor): boolean {
  return actor.roles.some((role) => HEALTH_DETAIL_READERS.includes(role));
}

export function assertCanReadDetails(actor: Actor): void {
  if (!canReadDetails(actor))
    throw new DomainException(ErrorCode.FORBIDDEN, 'Health details are for health workers only');
}

export function assertCanWriteRecords(actor: Actor): void {
  if (!actor.roles.some((role) => HEALTH_RECORD_WRITERS.includes(role)))
    throw new DomainException(ErrorCode.FORBIDDEN, 'Health records are written by health workers only');
}
