import { type ErrorCode, errorDefinition, isErrorCode } from '@terpadu/contracts';
import { STATUS_CODES } from 'node:http';

/**
 * The problem+json `title` of a code: its definition's, the same sentence for every occurrence
 * (the `detail` says what happened this time). A code this gateway does not know yet (a newer
 * service's) gets the status text.
 */
export function problemTitle(code: string, status: number): string {
  return isErrorCode(code) ? errorDefinition(code).title : (STATUS_CODES[status] ?? 'Error');
}

/** `urn:terpadu:problem:nik-already-registered`: stable, and says which code without a lookup. */
export function problemType(code: ErrorCode): string {
  return `urn:terpadu:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}
