import { IsEnum, IsNotEmpty, IsString } from 'class-validator';
import { IsCalendarDate } from '../../health/calendar-date';
import { LetterType } from '../../population/letter.dto';
import { IsEventId, IsStoredNik, IsVillageCode, Nullable } from '../payload-validators';

export const LETTER_ISSUED_V1 = 'evt.population.letter.issued.v1' as const;

/**
 * A village head signed a letter: it has its number and is valid from `validFrom` to `validUntil`.
 * Agencies accept it without paper (an SKTM for a fee waiver or a scholarship, for example) and
 * stop accepting it on LETTER_REVOKED_V1 or after `validUntil`.
 */
export class LetterIssuedV1 {
  @IsEventId()
  letterId: string;

  @IsEnum(LetterType)
  type: LetterType;

  @IsString()
  @IsNotEmpty()
  number: string;

  @IsString()
  @IsNotEmpty()
  purpose: string;

  @IsStoredNik()
  holderNik: string;

  @IsEventId()
  holderResidentId: string;

  @IsVillageCode()
  villageCode: string;

  @IsCalendarDate()
  issuedOn: string;

  @IsCalendarDate()
  validFrom: string;

  /** Null: the letter does not expire (birth and death certificates). */
  @Nullable()
  @IsCalendarDate()
  validUntil: string | null;
}
