import { allEventTypes } from '@opencheckout/contracts';
import type { RecordedEventLike } from '@opencheckout/event-store';
import type { RowProjection } from '@opencheckout/messaging';

export interface EventLogRow extends Record<string, unknown> {
  event_id: string;
  merchant_id: string;
  /** Null for merchant-wide events (creation, settings): both modes see them. */
  livemode: boolean | null;
  type: string;
  schema_version: number;
  stream_id: string;
  version: number;
  global_position: string;
  occurred_at: string;
  correlation_id: string;
  causation_id: string;
  data: Record<string, unknown>;
}

/** Fields that never leave the write side, even as ciphertext or hash. */
const SECRET_FIELDS = ['secretCiphertext', 'keyHash'];

const LOGGED_AGGREGATES = ['session.', 'merchant.', 'webhook.'];

export function loggedEventTypes(): string[] {
  return allEventTypes().filter((type) => LOGGED_AGGREGATES.some((prefix) => type.startsWith(prefix)));
}

function merchantOf(event: RecordedEventLike): string | null {
  const fromData = (event.data as { merchantId?: unknown }).merchantId;
  if (typeof fromData === 'string' && fromData !== '') return fromData;
  return event.metadata.merchantId || null;
}

/** Every event of a merchant, newest first, for GET /api/v1/events. Rows never change once written. */
export const eventsLogProjection: RowProjection<EventLogRow> = {
  name: 'events_log',
  table: 'events_log',
  primaryKey: 'event_id',
  columnsSql: [
    'event_id text NOT NULL',
    'merchant_id text NOT NULL',
    'livemode boolean',
    'type text NOT NULL',
    'schema_version integer NOT NULL',
    'stream_id text NOT NULL',
    'version integer NOT NULL',
    'global_position text NOT NULL',
    'occurred_at timestamptz NOT NULL',
    'correlation_id text NOT NULL',
    'causation_id text NOT NULL',
    'data jsonb NOT NULL',
  ].join(', '),
  indexSql: (table, name) => [
    `CREATE INDEX IF NOT EXISTS "${name}_merchant_time_idx" ON ${table} (merchant_id, occurred_at DESC, stream_id DESC, version DESC, event_id DESC)`,
  ],
  handles: loggedEventTypes(),
  key: (event) => (merchantOf(event) === null ? null : event.eventId),
  evolve(row, event) {
    if (row !== null) return row;
    const data: Record<string, unknown> = { ...event.data };
    for (const field of SECRET_FIELDS) delete data[field];
    return {
      event_id: event.eventId,
      merchant_id: merchantOf(event)!,
      livemode: typeof data.livemode === 'boolean' ? data.livemode : null,
      type: event.type,
      schema_version: event.schemaVersion,
      stream_id: event.streamId,
      version: event.version,
      global_position: event.globalPosition.toString(),
      occurred_at: event.occurredAt,
      correlation_id: event.metadata.correlationId ?? '',
      causation_id: event.metadata.causationId ?? '',
      data,
    };
  },
};
