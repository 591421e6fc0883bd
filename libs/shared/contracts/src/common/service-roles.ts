import { type Actor, Role } from './actor';

/*
 * The role sets a service checks again itself (defense in depth: a caller that reaches a service's
 * subject around the gateway still meets them). The gateway's ACCESS uses these same constants for
 * the same operations, so the gateway and the services cannot disagree; the gateway's access
 * matrix spec pins them to a reviewed table.
 */

/**
 * Health details (immunizations, pregnancies, checkups, insurance, the DETAIL health summary) are
 * specific personal data (UU PDP): health workers read them. `admin` runs the platform and reads no
 * personal data, health details included.
 */
export const HEALTH_RECORD_READERS = [Role.HealthWorker] as const;

/** Health records are written by health workers. */
export const HEALTH_RECORD_WRITERS = [Role.HealthWorker] as const;

/** Dead letters (event id and type, consumer, error; no payload) are platform operations: `admin`. */
export const DEAD_LETTER_OPERATORS = [Role.Admin] as const;

/** True when one of the actor's roles is in `allowed`. */
export function hasAnyRole(actor: Pick<Actor, 'roles'>, allowed: readonly Role[]): boolean {
  return actor.roles.some((role) => (allowed as readonly string[]).includes(role));
}
