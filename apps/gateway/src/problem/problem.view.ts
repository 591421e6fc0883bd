import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from '@terpadu/contracts';

export class FieldErrorView {
  @ApiProperty({ description: 'Dotted path of the field', example: 'address.villageCode' })
  field: string;
  @ApiProperty({ description: 'The rule that failed', example: 'matches' })
  code: string;
  @ApiProperty({ example: 'address.villageCode must be 10 digits' })
  message: string;
}

/** RFC 9457 problem details, the body of every error answer (`application/problem+json`). */
export class ProblemView {
  @ApiProperty({
    description: 'URI naming the kind of problem',
    example: 'urn:terpadu:problem:validation-failed',
  })
  type: string;
  @ApiProperty({
    description: 'Short summary, the same for every problem of this type',
    example: 'The request is not valid',
  })
  title: string;
  @ApiProperty({ description: 'HTTP status', example: 400 })
  status: number;
  @ApiProperty({ description: 'What went wrong this time', example: 'The request has invalid fields' })
  detail: string;
  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorCode', description: 'Stable code clients switch on' })
  code: ErrorCode;
  @ApiProperty({
    type: [FieldErrorView],
    description: 'One entry per invalid field; empty when not about fields',
  })
  errors: FieldErrorView[];
  @ApiProperty({
    description: 'Id of this request (also in the `x-request-id` header); quote it when reporting a problem',
  })
  requestId: string;
  @ApiPropertyOptional({ description: 'URI of this occurrence' })
  instance?: string;
}
