import type { EventMap, EventSubject } from './event-map';
import { ANC_VISIT_RECORDED_V1, AncVisitRecordedV1 } from './health/anc-visit-recorded.v1';
import { IMMUNIZATION_GIVEN_V1, ImmunizationGivenV1 } from './health/immunization-given.v1';
import { IMMUNIZATION_OVERDUE_V1, ImmunizationOverdueV1 } from './health/immunization-overdue.v1';
import { INSURANCE_CHANGED_V1, InsuranceChangedV1 } from './health/insurance-changed.v1';
import { BIRTH_REGISTERED_V1, BirthRegisteredV1 } from './population/birth-registered.v1';
import { DEATH_REGISTERED_V1, DeathRegisteredV1 } from './population/death-registered.v1';
import { FAMILY_CARD_CHANGED_V1, FamilyCardChangedV1 } from './population/family-card-changed.v1';
import { LETTER_ISSUED_V1, LetterIssuedV1 } from './population/letter-issued.v1';
import { LETTER_REVOKED_V1, LetterRevokedV1 } from './population/letter-revoked.v1';
import { RESIDENT_MOVED_IN_V1, ResidentMovedInV1 } from './population/resident-moved-in.v1';
import { RESIDENT_MOVED_OUT_V1, ResidentMovedOutV1 } from './population/resident-moved-out.v1';
import { RESIDENT_REGISTERED_V1, ResidentRegisteredV1 } from './population/resident-registered.v1';
import { RESIDENT_UPDATED_V1, ResidentUpdatedV1 } from './population/resident-updated.v1';

/**
 * Every event subject and the class its payload is validated against at the consumer. Typed by
 * EventMap: a subject without its class, or with another subject's, does not compile.
 */
export const EVENT_PAYLOADS: { readonly [S in EventSubject]: new () => EventMap[S] } = {
  [BIRTH_REGISTERED_V1]: BirthRegisteredV1,
  [DEATH_REGISTERED_V1]: DeathRegisteredV1,
  [FAMILY_CARD_CHANGED_V1]: FamilyCardChangedV1,
  [LETTER_ISSUED_V1]: LetterIssuedV1,
  [LETTER_REVOKED_V1]: LetterRevokedV1,
  [RESIDENT_REGISTERED_V1]: ResidentRegisteredV1,
  [RESIDENT_MOVED_IN_V1]: ResidentMovedInV1,
  [RESIDENT_MOVED_OUT_V1]: ResidentMovedOutV1,
  [RESIDENT_UPDATED_V1]: ResidentUpdatedV1,
  [ANC_VISIT_RECORDED_V1]: AncVisitRecordedV1,
  [IMMUNIZATION_GIVEN_V1]: ImmunizationGivenV1,
  [IMMUNIZATION_OVERDUE_V1]: ImmunizationOverdueV1,
  [INSURANCE_CHANGED_V1]: InsuranceChangedV1,
};
