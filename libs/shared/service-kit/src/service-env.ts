import { IsIn, IsInt, IsNotEmpty, IsString, IsTimeZone, Matches, Max, Min } from 'class-validator';

/** What the migration command needs: only the service's own database. */
export class DatabaseEnv {
  /** PostgreSQL URL of this service's own database. */
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;
}

/**
 * The variables every domain service has; an app's `Env` extends it with its own and is validated
 * at boot (validateEnv names a bad variable, never its value). One spelling for all services.
 */
export class ServiceEnv extends DatabaseEnv {
  /** NATS server URL(s), comma separated. */
  @IsString()
  @IsNotEmpty()
  NATS_URL: string;

  /** Port of the service's HTTP server (health probes and metrics only); the registry's port by default. */
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT: number;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' = 'info';

  /**
   * IANA time zone of the service's calendar ("today", the local date of an event). A birth at
   * 01:00 WIB must not be "tomorrow" because UTC lags.
   */
  @IsTimeZone()
  TIME_ZONE: string = 'Asia/Jakarta';
}
