import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `{id}` of a pregnancy in a path. */
export class PregnancyIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}
