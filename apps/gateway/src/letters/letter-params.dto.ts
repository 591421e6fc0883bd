import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';

/** `{id}` of a letter: a UUID. */
export class LetterIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

/**
 * `{code}` of the public verification, as printed under the QR code. Any short run of letters and
 * digits is passed on: a code that is not one of ours is answered 404, like an unknown one.
 */
export class VerificationCodeParamDto {
  @ApiProperty({
    description: 'Verification code printed on the letter',
    example: 'K7Q2M4XW9PZRT3HVB6YDNC5JFA8GLE2S',
  })
  @Matches(/^[A-Za-z0-9]{1,64}$/, { message: 'code must be letters and digits' })
  code: string;
}
