import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { NikParamDto } from '../residents/nik-param.dto';

const KK_NUMBER = /^\d{16}$/;

/** `{number}` in a path: a KK number is 16 digits (area code, issue date DDMMYY, serial). */
export class FamilyCardNumberParamDto {
  @ApiProperty({ description: 'Family card (KK) number, 16 digits', example: '3174041708200001' })
  @Matches(KK_NUMBER, { message: 'number must be 16 digits' })
  number: string;
}

/** `{number}` and a member's `{nik}`. */
export class FamilyCardMemberParamsDto extends NikParamDto {
  @ApiProperty({ description: 'Family card (KK) number, 16 digits', example: '3174041708200001' })
  @Matches(KK_NUMBER, { message: 'number must be 16 digits' })
  number: string;
}
