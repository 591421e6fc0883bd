import { Clock } from '@terpadu/clock';
import {
  MESSAGING_DEFAULTS,
  MESSAGING_RETENTION_ENV_DEFAULTS,
  MessagingOptionsError,
  resolveMessagingOptions,
  retentionOptions,
} from './messaging.options';

class FixedClock extends Clock {
  constructor(private readonly instant: string) {
    super('UTC');
  }
  now(): Date {
    return new Date(this.instant);
  }
}

const base = { service: 'population', natsUrl: 'nats://127.0.0.1:4222' };

describe(resolveMessagingOptions.name, () => {
  it('fills in the documented defaults: 30 days and 1 GiB per stream, 7 days of outbox, 35 of inbox, hourly', () => {
    const o = resolveMessagingOptions(base, new FixedClock('2026-01-01T00:00:00Z'));
    expect(o).toMatchObject({
      duplicateWindowMs: 120_000,
      streamMaxAgeMs: 30 * 86_400_000,
      streamMaxBytes: 1024 ** 3,
      outboxRetentionMs: 7 * 86_400_000,
      inboxRetentionMs: 35 * 86_400_000,
      pruneIntervalMs: 3_600_000,
      pruneBatchSize: 1000,
    });
  });

  it("uses the options' clock, else the injected one, and never the wall clock", () => {
    const own = new FixedClock('2030-01-01T00:00:00Z');
    const injected = new FixedClock('2040-01-01T00:00:00Z');
    expect(resolveMessagingOptions({ ...base, clock: own }, injected).clock).toBe(own);
    expect(resolveMessagingOptions(base, injected).clock).toBe(injected);
    expect(() => resolveMessagingOptions(base)).toThrow(MessagingOptionsError);
  });

  it.each([
    [{ pruneBatchSize: 0 }, 'pruneBatchSize must be at least 1'],
    [{ streamMaxBytes: -1 }, 'streamMaxBytes must be a whole number >= 0'],
    [{ outboxRetentionMs: 1.5 }, 'outboxRetentionMs must be a whole number >= 0'],
    [{ streamMaxAgeMs: 1000 }, 'streamMaxAgeMs (1000) must be 0 or at least duplicateWindowMs (120000)'],
    [{ inboxRetentionMs: 120_000, streamMaxAgeMs: 120_000 }, 'must be 0 or longer than duplicateWindowMs'],
    [{ inboxRetentionMs: 86_400_000, streamMaxAgeMs: 86_400_000 }, 'must be longer than streamMaxAgeMs'],
    [{ inboxRetentionMs: 86_400_000, streamMaxAgeMs: 0 }, 'must be 0 while streamMaxAgeMs is 0'],
  ])('refuses %j', (options, message) => {
    expect(() =>
      resolveMessagingOptions({ ...base, ...options }, new FixedClock('2026-01-01T00:00:00Z')),
    ).toThrow(message);
  });
});

describe(retentionOptions.name, () => {
  it('turns the environment defaults back into the option defaults', () => {
    expect(retentionOptions(MESSAGING_RETENTION_ENV_DEFAULTS)).toEqual({
      streamMaxAgeMs: MESSAGING_DEFAULTS.streamMaxAgeMs,
      streamMaxBytes: MESSAGING_DEFAULTS.streamMaxBytes,
      outboxRetentionMs: MESSAGING_DEFAULTS.outboxRetentionMs,
      inboxRetentionMs: MESSAGING_DEFAULTS.inboxRetentionMs,
      pruneIntervalMs: MESSAGING_DEFAULTS.pruneIntervalMs,
    });
  });

  it('reads days as days', () => {
    expect(
      retentionOptions({
        EVENT_STREAM_MAX_AGE_DAYS: 2,
        EVENT_STREAM_MAX_BYTES: 5,
        OUTBOX_RETENTION_DAYS: 1,
        INBOX_RETENTION_DAYS: 3,
        MESSAGING_PRUNE_INTERVAL_MS: 60_000,
      }),
    ).toEqual({
      streamMaxAgeMs: 2 * 86_400_000,
      streamMaxBytes: 5,
      outboxRetentionMs: 86_400_000,
      inboxRetentionMs: 3 * 86_400_000,
      pruneIntervalMs: 60_000,
    });
  });
});
