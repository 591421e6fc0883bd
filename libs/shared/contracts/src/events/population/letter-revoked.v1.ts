import { IsEnum, IsNotEmpty, IsString } from 'class-validator';
import { LetterType } from '../../population/letter.dto';
import { IsEventId, IsInstant, IsStoredNik, IsVillageCode } from '../payload-validators';

export const LETTER_REVOKED_V1 = 'evt.population.letter.revoked.v1' as const;

/** A signed letter was revoked by a village head: agencies stop accepting it. */
export class LetterRevokedV1 {
  @IsEventId()
  letterId: string;

  @IsEnum(LetterType)
  type: LetterType;

  @IsString()
  @IsNotEmpty()
  number: string;

  @IsStoredNik()
  holderNik: string;

  @IsEventId()
  holderResidentId: string;

  @IsVillageCode()
  villageCode: string;

  @IsInstant()
  revokedAt: string;
}
