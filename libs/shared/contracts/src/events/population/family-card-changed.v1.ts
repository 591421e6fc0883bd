// class-transformer's @Type reads the design-time types when the class is declared.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsEnum, Matches, ValidateNested } from 'class-validator';
import { FamilyRelationship } from '../../population/enums';
import { IsFamilyCardNumber, IsInstant, IsStoredNik, IsVillageCode, Nullable } from '../payload-validators';

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

/** One current member of the card. */
export class FamilyCardChangedV1Member {
  @IsStoredNik()
  nik: string;

  @IsEnum(FamilyRelationship)
  relationship: FamilyRelationship;
}

/** A family card was created or its membership changed; `members` is the full current list. */
export class FamilyCardChangedV1 {
  @IsFamilyCardNumber()
  familyCardNumber: string;

  @IsVillageCode()
  villageCode: string;

  /**
   * Checked as a word of the vocabulary's form only, not against today's list: a value added later
   * must reach a consumer (see FamilyCardChange), not be refused by it.
   */
  @Matches(/^[A-Z][A-Z_]*$/, {
    message: ({ property }) => `${property} must be a change such as MEMBER_ADDED`,
  })
  change: FamilyCardChange;

  /** NIK of the member who joined or left (the head for CREATED). */
  @IsStoredNik()
  affectedNik: string;

  /** Null while the card needs a new head (the head died or moved out) and once it is closed. */
  @Nullable()
  @IsStoredNik()
  headNik: string | null;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FamilyCardChangedV1Member)
  members: FamilyCardChangedV1Member[];

  @IsInstant()
  changedAt: string;
}
