import { IsIn, IsInt, IsNotEmpty, IsString, IsTimeZone, Matches, Max, Min } from 'class-validator';
import { MESSAGING_RETENTION_ENV_DEFAULTS } from '@terpadu/messaging';

/** What the migration command needs: only the database. */
export class DatabaseEnv {
  /** PostgreSQL URL of this service's own database. */
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;
}

/** The health service's configuration, validated at boot (validateEnv names a bad variable, never its value). */
export class Env extends DatabaseEnv {
  /** NATS server URL(s), comma separated. */
  @IsString()
  @IsNotEmpty()
  NATS_URL: string;

  /** Port of the HTTP server (health probes and metrics only). */
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT: number = 3002;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' = 'info';

  /**
   * IANA time zone of the health service's calendar: "today" for dose statuses and future dates,
   * and the local date of a registration or a move (for the under-5 rule).
   */
  @IsTimeZone()
  HEALTH_TIME_ZONE: string = 'Asia/Jakarta';

  /**
   * How often the overdue-immunization scan runs (every replica runs it; each overdue dose is
   * published once). The first scan runs a few seconds after boot. 0 turns the scan off.
   */
  @IsInt()
  @Min(0)
  OVERDUE_SCAN_INTERVAL_MS: number = 86_400_000;

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
