import {
  type Actor,
  ErrorCode,
  HEALTH_RECORD_READERS,
  HEALTH_RECORD_WRITERS,
  hasAnyRole,
} from '@terpadu/contracts';
import { DomainException } from '@terpadu/messaging';

/**
 * Health data is specific personal data. The gateway's access policy decides who may call what;
 * the service checks again (defense in depth), so a caller that bypasses the gateway's table on a
 * health subject still cannot read or write details. Both take the role sets from contracts
 * (HEALTH_RECORD_READERS, HEALTH_RECORD_WRITERS): health workers only, `admin` included in neither.
 */
export function assertCanReadDetails(actor: Actor): void {
  if (!hasAnyRole(actor, HEALTH_RECORD_READERS))
    throw new DomainException(ErrorCode.FORBIDDEN, 'Health details are for health workers only');
}

export function assertCanWriteRecords(actor: Actor): void {
  if (!hasAnyRole(actor, HEALTH_RECORD_WRITERS))
    throw new DomainException(ErrorCode.FORBIDDEN, 'Health records are written by health workers only');
}
