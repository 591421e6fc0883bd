import type { LetterType } from '../../population/letter.dto';

export const LETTER_REVOKED_V1 = 'evt.population.letter.revoked.v1' as const;

/** A signed letter was revoked by a village head: agencies stop accepting it. */
export interface LetterRevokedV1 {
  letterId: string;
  type: LetterType;
  number: string;
  holderNik: string;
  holderResidentId: string;
  villageCode: string;
  revokedAt: string;
}
