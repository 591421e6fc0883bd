import { IsIn, IsInt, IsNotEmpty, IsString, IsTimeZone, IsUrl, Matches, Max, Min } from 'class-validator';

/** What the migration command needs: only the database. */
export class DatabaseEnv {
  /** PostgreSQL URL of this service's own database. */
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;
}

/** The population service's configuration, validated at boot (validateEnv names a bad variable, never its value). */
export class Env extends DatabaseEnv {
  /** NATS server URL(s), comma separated. */
  @IsString()
  @IsNotEmpty()
  NATS_URL: string;

  /** Port of the HTTP server (health probes and metrics only). */
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT: number = 3001;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' = 'info';

  /**
   * IANA time zone of the registry's calendar: "today" for the NIK century, future birth dates and
   * the issue date on a family card. A birth at 01:00 WIB must not be "tomorrow" because UTC lags.
   */
  @IsTimeZone()
  REGISTRY_TIME_ZONE: string = 'Asia/Jakarta';

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
