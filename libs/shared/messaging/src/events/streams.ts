import { JetStreamApiError, type JetStreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { StreamDefinition } from '@terpadu/contracts';

/**
 * Creates the domain's stream if it is missing (file storage, `Nats-Msg-Id` dedupe window), or
 * widens its subjects. Producers and consumers both call it with the same definition, so either
 * may start first; concurrent calls are harmless.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  stream: StreamDefinition,
  duplicateWindowMs: number,
): Promise<void> {
  const existing = await jsm.streams.info(stream.name).catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw error;
  });
  if (existing) {
    const missing = stream.subjects.filter((s) => !existing.config.subjects?.includes(s));
    if (missing.length > 0) {
      await jsm.streams.update(stream.name, { subjects: [...(existing.config.subjects ?? []), ...missing] });
    }
    return;
  }
  try {
    await jsm.streams.add({
      name: stream.name,
      subjects: [...stream.subjects],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: nanos(duplicateWindowMs),
    });
  } catch (error) {
    // Another instance created it in the meantime.
    await jsm.streams.info(stream.name).catch(() => {
      throw error;
    });
  }
}

/** The JetStream API answered 404 (stream or consumer not found). */
export function isNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.status === 404;
}
