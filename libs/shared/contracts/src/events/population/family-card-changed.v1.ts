import type { FamilyRelationship } from '../../population/enums';

export const FAMILY_CARD_CHANGED_V1 = 'evt.population.family-card.changed.v1' as const;

/**
 * What happened to the card. Values are only ever added: a consumer treats an unknown value like
 * MEMBER_ADDED/MEMBER_REMOVED (re-read `members`, which is always the full current list).
 * - CREATED: issued to its head (also the new card of a SPLIT, and a new card of people moving in)
 * - MEMBER_ADDED / MEMBER_REMOVED: a member joined or left by hand
 * - MEMBER_BORN: a newborn joined; MEMBER_MOVED_IN: someone moving into the regency joined
 * - MEMBER_DIED, MEMBER_MOVED_OUT, MEMBER_DEACTIVATED (a duplicate record): a member left for that
 * - SPLIT: members left to form a new card (`affectedNik` is the new card's head)
 * - HEAD_CHANGED: `affectedNik` is the new head
 * - CLOSED: no member is left (the whole family moved out, or the last member died)
 */
export type FamilyCardChange =
  | 'CREATED'
  | 'MEMBER_ADDED'
  | 'MEMBER_REMOVED'
  | 'MEMBER_BORN'
  | 'MEMBER_DIED'
  | 'MEMBER_MOVED_OUT'
  | 'MEMBER_MOVED_IN'
  | 'MEMBER_DEACTIVATED'
  | 'SPLIT'
  | 'HEAD_CHANGED'
  | 'CLOSED';

/** A family card was created or its membership changed; `members` is the full current list. */
export interface FamilyCardChangedV1 {
  familyCardNumber: string;
  villageCode: string;
  change: FamilyCardChange;
  /** NIK of the member who joined or left (the head for CREATED). */
  affectedNik: string;
  /** Null while the card needs a new head (the head died or moved out) and once it is closed. */
  headNik: string | null;
  members: { nik: string; relationship: FamilyRelationship }[];
  changedAt: string;
}
