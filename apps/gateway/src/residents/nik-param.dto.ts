import { ApiProperty } from '@nestjs/swagger';
import { IsNik, normalizeNik } from '@terpadu/contracts';
import { Transform } from 'class-transformer';

/** `{nik}` in a path: checked (format, encoded date, serial, province) before any service is asked. */
export class NikParamDto {
  @ApiProperty({ description: 'NIK, 16 digits', example: '3174041708850001' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeNik(value) : value))
  @IsNik()
  nik: string;
}
