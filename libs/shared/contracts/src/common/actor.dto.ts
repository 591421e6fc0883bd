import type { Actor } from './actor';
import { IsArray, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

/** The caller as the gateway names it in every RPC request; services validate it like any other payload. */
export class ActorDto implements Actor {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(PRINTABLE, { message: 'sub must not contain control characters' })
  sub: string;

  @IsArray()
  @IsString({ each: true })
  roles: string[];

  /** Region-code prefixes (province to village), digits only. */
  @IsArray()
  @Matches(/^\d{2,10}$/, {
    each: true,
    message: 'jurisdiction entries must be region codes of 2 to 10 digits',
  })
  jurisdiction: string[];

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(PRINTABLE, { message: 'requestId must not contain control characters' })
  requestId?: string;
}
