import { IsIn, IsInt, IsNotEmpty, IsString, IsTimeZone, IsUrl, Matches, Max, Min } from 'class-validator';
import { MESSAGING_RETENTION_ENV_DEFAULTS } from '@terpadu/messaging';

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
