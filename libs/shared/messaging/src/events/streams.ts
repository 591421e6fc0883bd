import {
  DiscardPolicy,
  JetStreamApiError,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { StreamDefinition } from '@terpadu/contracts';
import type { ResolvedMessagingOptions } from '../messaging.options';

/** How a service creates (and, for its own stream, keeps up to date) a domain's stream. */
export interface StreamSettings {
  /** `Nats-Msg-Id` dedupe window, set when the stream is created. */
  duplicateWindowMs: number;
  /** Oldest message kept; 0 = no age limit. */
  maxAgeMs: number;
  /** Largest stream size in bytes; 0 = no limit. */
  maxBytes: number;
  /**
   * The caller produces this stream's events: an existing stream's limits are set to these. A
   * consumer of another service's stream only creates it when it is missing.
   */
  owner: boolean;
}

/** The settings service `options.service` uses for `stream` (its owner when it is its own domain). */
export function streamSettings(
  options: Pick<
    ResolvedMessagingOptions,
    'duplicateWindowMs' | 'service' | 'streamMaxAgeMs' | 'streamMaxBytes'
  >,
  stream: StreamDefinition,
): StreamSettings {
  return {
    duplicateWindowMs: options.duplicateWindowMs,
    maxAgeMs: options.streamMaxAgeMs,
    maxBytes: options.streamMaxBytes,
    owner: stream.domain === options.service,
  };
}

/** The limit fields of a stream configuration for `settings` (JetStream spells "no limit" 0 and -1). */
function limitsOf(settings: StreamSettings): Pick<StreamConfig, 'discard' | 'max_age' | 'max_bytes'> {
  return {
    max_age: nanos(settings.maxAgeMs),
    max_bytes: settings.maxBytes === 0 ? -1 : settings.maxBytes,
    // A full stream refuses new events (they stay in the outbox) instead of dropping unread ones.
    discard: DiscardPolicy.New,
  };
}

/**
 * Creates the domain's stream if it is missing (file storage, `Nats-Msg-Id` dedupe window, age and
 * size limits), or widens its subjects; the owner also sets the limits of an existing stream whose
 * limits differ. Producers and consumers both call it, so either may start first; concurrent calls
 * are harmless.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  stream: StreamDefinition,
  settings: StreamSettings,
): Promise<void> {
  const existing = await jsm.streams.info(stream.name).catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw error;
  });
  const limits = limitsOf(settings);
  if (existing) {
    const update: Partial<StreamConfig> = {};
    const missing = stream.subjects.filter((s) => !existing.config.subjects?.includes(s));
    if (missing.length > 0) update.subjects = [...(existing.config.subjects ?? []), ...missing];
    if (
      settings.owner &&
      (existing.config.max_age !== limits.max_age ||
        existing.config.max_bytes !== limits.max_bytes ||
        existing.config.discard !== limits.discard)
    ) {
      Object.assign(update, limits);
    }
    if (Object.keys(update).length > 0) await jsm.streams.update(stream.name, update);
    return;
  }
  try {
    await jsm.streams.add({
      name: stream.name,
      subjects: [...stream.subjects],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: nanos(settings.duplicateWindowMs),
      ...limits,
    });
  } catch (error) {
    // Another instance created it in the meantime (perhaps with other limits): check it as it is.
    await jsm.streams.info(stream.name).catch(() => {
      throw error;
    });
    await ensureStream(jsm, stream, settings);
  }
}

/** The JetStream API answered 404 (stream or consumer not found). */
export function isNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.status === 404;
}
