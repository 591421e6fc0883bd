import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

/** `{code}` in a path: a Kemendagri region code, dots allowed (`31.74.09.1005` is `3174091005`). */
export class RegionCodeParamDto {
  @ApiProperty({
    description: 'Province (2 digits), regency (4), district (6) or village (10) code, dotted or not',
    example: '3174091005',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/\./g, '') : value,
  )
  @Matches(/^(\d{2}|\d{4}|\d{6}|\d{10})$/, { message: 'code must be a region code of 2, 4, 6 or 10 digits' })
  code: string;
}
