import { DiscardPolicy, RetentionPolicy, StorageType, type JetStreamManager, type StreamInfo } from '@nats-io/jetstream';

export interface EnsureEventsStreamOptions {
  name?: string;
  subjectPrefix?: string;
  /** How long JetStream remembers a Nats-Msg-Id to drop re-publishes. */
  duplicateWindowMs?: number;
  replicas?: number;
  storage?: 'file' | 'memory';
}

const nanosPerMilli = 1_000_000;

/**
 * Creates the events stream, or updates the settings we own when it exists.
 * Uses nothing newer than nats-server 2.9 (no metadata, no compression).
 */
export async function ensureEventsStream(jsm: JetStreamManager, options: EnsureEventsStreamOptions = {}): Promise<StreamInfo> {
  const name = options.name ?? 'EVENTS';
  const subjectPrefix = options.subjectPrefix ?? 'events';
  const config = {
    name,
    subjects: [`${subjectPrefix}.>`],
    retention: RetentionPolicy.Limits,
    storage: options.storage === 'memory' ? StorageType.Memory : StorageType.File,
    num_replicas: options.replicas ?? 1,
    discard: DiscardPolicy.Old,
    // nats-server counts the window in nanoseconds.
    duplicate_window: (options.duplicateWindowMs ?? 120_000) * nanosPerMilli,
  };
  try {
    const info = await jsm.streams.info(name);
    const current = info.config;
    if (
      current.duplicate_window !== config.duplicate_window ||
      current.num_replicas !== config.num_replicas ||
      !current.subjects?.includes(config.subjects[0]!)
    ) {
      return await jsm.streams.update(name, {
        subjects: Array.from(new Set([...(current.subjects ?? []), ...config.subjects])),
        duplicate_window: config.duplicate_window,
        num_replicas: config.num_replicas,
      });
    }
    return info;
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    return jsm.streams.add(config);
  }
}

function isStreamNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; message?: string; code?: number | string; api_error?: { err_code?: number } };
  return (
    e.name === 'StreamNotFoundError' ||
    e.api_error?.err_code === 10059 ||
    (typeof e.message === 'string' && /stream not found/i.test(e.message))
  );
}
