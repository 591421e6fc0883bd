import type { FamilyRelationship } from '../../population/enums';

export const FAMILY_CARD_CHANGED_V1 = 'evt.population.family-card.changed.v1' as const;

export type FamilyCardChange = 'CREATED' | 'MEMBER_ADDED' | 'MEMBER_REMOVED';

/** A family card was created or its membership changed; `members` is the full current list. */
export interface FamilyCardChangedV1 {
  familyCardNumber: string;
  villageCode: string;
  change: FamilyCardChange;
  /** NIK of the member who joined or left (the head for CREATED). */
  affectedNik: string;
  headNik: string;
  members: { nik: string; relationship: FamilyRelationship }[];
  changedAt: string;
}
