import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';

export class DeadLetterIdParamDto {
  @ApiProperty({ format: 'uuid', description: 'Id of the dead letter' })
  @IsUUID()
  id: string;
}

export class ListDeadLettersQueryDto {
  @ApiPropertyOptional({ description: 'Also list dead letters that were already replayed', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeReplayed?: boolean;
}
