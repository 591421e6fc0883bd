import { MESSAGING_RETENTION_ENV_DEFAULTS } from '@terpadu/messaging';
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

  /** Days an event stays in this service's JetStream stream (EVT_<SERVICE>); 0 keeps events forever. */
  @IsInt()
  @Min(0)
  EVENT_STREAM_MAX_AGE_DAYS: number = MESSAGING_RETENTION_ENV_DEFAULTS.EVENT_STREAM_MAX_AGE_DAYS;

  /** Largest size of this service's JetStream stream, in bytes (1 GiB); 0 = no limit. */
  @IsInt()
  @Min(0)
  EVENT_STREAM_MAX_BYTES: number = MESSAGING_RETENTION_ENV_DEFAULTS.EVENT_STREAM_MAX_BYTES;

  /** Days a published outbox row is kept before the pruner deletes it; 0 keeps them. */
  @IsInt()
  @Min(0)
  OUTBOX_RETENTION_DAYS: number = MESSAGING_RETENTION_ENV_DEFAULTS.OUTBOX_RETENTION_DAYS;

  /**
   * Days an inbox row (an event this service handled) is kept; longer than EVENT_STREAM_MAX_AGE_DAYS
   * (checked at boot), since a redelivered event needs its row. 0 keeps them.
   */
  @IsInt()
  @Min(0)
  INBOX_RETENTION_DAYS: number = MESSAGING_RETENTION_ENV_DEFAULTS.INBOX_RETENTION_DAYS;

  /** How often the pruner of the outbox, inbox and replayed dead letters runs; 0 turns it off. */
  @IsInt()
  @Min(0)
  MESSAGING_PRUNE_INTERVAL_MS: number = MESSAGING_RETENTION_ENV_DEFAULTS.MESSAGING_PRUNE_INTERVAL_MS;
}
