import { ServiceEnv } from '@terpadu/service-kit';
import { IsInt, IsUrl, Max, Min } from 'class-validator';

/** The population service's configuration: the kit's variables and its own. */
export class Env extends ServiceEnv {
  /**
   * The gateway's public base URL: letters print `${PUBLIC_BASE_URL}/v1/letters/verify/{code}` as their
   * verification QR code, so it must be the address citizens and agencies reach from outside.
   */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL: string = 'http://127.0.0.1:3000';

  /** Rows of an import job registered per transaction (plus the other rows of their family cards). */
  @IsInt()
  @Min(1)
  @Max(5000)
  IMPORT_BATCH_SIZE: number = 500;
}
