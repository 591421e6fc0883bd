/**
 * Every domain event subject and its payload.
 *
 * A published subject or payload is a contract with every consumer: never change one in place.
 * A breaking change is a new version (`.v2`), published beside the old one until no consumer
 * needs it. Subjects start with `evt.`; request/reply subjects start with `rpc.` (see rpc/),
 * so no stream ever captures request traffic.
 */
import type { ANC_VISIT_RECORDED_V1, AncVisitRecordedV1 } from './health/anc-visit-recorded.v1';
import type { IMMUNIZATION_GIVEN_V1, ImmunizationGivenV1 } from './health/immunization-given.v1';
import type { IMMUNIZATION_OVERDUE_V1, ImmunizationOverdueV1 } from './health/immunization-overdue.v1';
import type { INSURANCE_CHANGED_V1, InsuranceChangedV1 } from './health/insurance-changed.v1';
import type { BIRTH_REGISTERED_V1, BirthRegisteredV1 } from './population/birth-registered.v1';
import type { DEATH_REGISTERED_V1, DeathRegisteredV1 } from './population/death-registered.v1';
import type { FAMILY_CARD_CHANGED_V1, FamilyCardChangedV1 } from './population/family-card-changed.v1';
import type { LETTER_ISSUED_V1, LetterIssuedV1 } from './population/letter-issued.v1';
import type { LETTER_REVOKED_V1, LetterRevokedV1 } from './population/letter-revoked.v1';
import type { RESIDENT_MOVED_IN_V1, ResidentMovedInV1 } from './population/resident-moved-in.v1';
import type { RESIDENT_MOVED_OUT_V1, ResidentMovedOutV1 } from './population/resident-moved-out.v1';
import type { RESIDENT_REGISTERED_V1, ResidentRegisteredV1 } from './population/resident-registered.v1';
import type { RESIDENT_UPDATED_V1, ResidentUpdatedV1 } from './population/resident-updated.v1';

export interface EventMap {
  [BIRTH_REGISTERED_V1]: BirthRegisteredV1;
  [DEATH_REGISTERED_V1]: DeathRegisteredV1;
  [FAMILY_CARD_CHANGED_V1]: FamilyCardChangedV1;
  [LETTER_ISSUED_V1]: LetterIssuedV1;
  [LETTER_REVOKED_V1]: LetterRevokedV1;
  [RESIDENT_REGISTERED_V1]: ResidentRegisteredV1;
  [RESIDENT_MOVED_IN_V1]: ResidentMovedInV1;
  [RESIDENT_MOVED_OUT_V1]: ResidentMovedOutV1;
  [RESIDENT_UPDATED_V1]: ResidentUpdatedV1;
  [ANC_VISIT_RECORDED_V1]: AncVisitRecordedV1;
  [IMMUNIZATION_GIVEN_V1]: ImmunizationGivenV1;
  [IMMUNIZATION_OVERDUE_V1]: ImmunizationOverdueV1;
  [INSURANCE_CHANGED_V1]: InsuranceChangedV1;
}

export type EventSubject = keyof EventMap;

/** One JetStream stream per producing domain; its subjects are that domain's `evt.` namespace. */
export interface StreamDefinition {
  name: string;
  subjects: string[];
  /** The domain whose outbox relay publishes into it, e.g. `population`. */
  domain: string;
}

export const STREAMS = {
  population: { name: 'EVT_POPULATION', subjects: ['evt.population.>'], domain: 'population' },
  health: { name: 'EVT_HEALTH', subjects: ['evt.health.>'], domain: 'health' },
} as const satisfies Record<string, StreamDefinition>;

/** The stream that holds a subject (`evt.<domain>.…`), or undefined for a subject outside every stream. */
export function streamForSubject(subject: string): StreamDefinition | undefined {
  const domain = subject.split('.')[1];
  return (Object.values(STREAMS) as StreamDefinition[]).find((s) => s.domain === domain);
}
