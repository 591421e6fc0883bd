import type { LetterType } from '../../population/letter.dto';

export const LETTER_ISSUED_V1 = 'evt.population.letter.issued.v1' as const;

/**
 * A village head signed a letter: it has its number and is valid from `validFrom` to `validUntil`.
 * Agencies accept it without paper (an SKTM for a fee waiver or a scholarship, for example) and
 * stop accepting it on LETTER_REVOKED_V1 or after `validUntil`.
 */
export interface LetterIssuedV1 {
  letterId: string;
  type: LetterType;
  number: string;
  purpose: string;
  holderNik: string;
  holderResidentId: string;
  villageCode: string;
  issuedOn: string;
  validFrom: string;
  /** Null: the letter does not expire (birth and death certificates). */
  validUntil: string | null;
}
