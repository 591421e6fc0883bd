import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `{id}` of a duplicate review. */
export class DuplicateReviewIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}
