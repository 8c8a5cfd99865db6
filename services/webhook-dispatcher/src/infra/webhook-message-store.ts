import type { EntityManager } from 'typeorm';
import { qualified } from '@opencheckout/event-store';
import type { DeliveryStatus } from '../domain/attempt-outcome.js';
import type { SessionObjectState } from '../domain/session-object.js';

export interface SessionObjectRecord {
  sessionId: string;
  merchantId: string;
  livemode: boolean;
  sequence: number;
  state: SessionObjectState;
}

export interface NewMessage {
  eventId: string;
  sourceEventId: string | null;
  merchantId: string;
  livemode: boolean;
  type: string;
  sessionId: string | null;
  sequence: number;
  body: string;
  correlationId: string | null;
  test: boolean;
  createdAt: Date;
}

export interface NewDelivery {
  deliveryId: string;
  eventId: string;
  endpointId: string;
  merchantId: string;
  livemode: boolean;
  eventType: string;
  origin: 'event' | 'test' | 'replay';
  test: boolean;
  /** Unique when set: `<event id>:<endpoint id>` for deliveries of the event stream. */
  dedupKey: string | null;
  status: DeliveryStatus;
  nextAttemptAt: Date;
  createdAt: Date;
}

export interface StoredMessage {
  eventId: string;
  type: string;
  createdAt: Date;
}

/** Session objects, immutable messages and new deliveries, always inside the caller's transaction. */
export class WebhookMessageStore {
  private readonly sessions: string;
  private readonly messages: string;
  private readonly deliveries: string;
  private readonly endpoints: string;

  constructor(schema: string) {
    this.sessions = qualified(schema, 'session_objects');
    this.messages = qualified(schema, 'messages');
    this.deliveries = qualified(schema, 'deliveries');
    this.endpoints = qualified(schema, 'webhook_endpoints');
  }

  async lockSessionObject(manager: EntityManager, sessionId: string): Promise<SessionObjectRecord | null> {
    const rows = (await manager.query(
      `SELECT session_id, merchant_id, livemode, sequence, state FROM ${this.sessions} WHERE session_id = $1 FOR UPDATE`,
      [sessionId],
    )) as { session_id: string; merchant_id: string; livemode: boolean; sequence: number; state: SessionObjectState }[];
    const row = rows[0];
    if (row === undefined) return null;
    return { sessionId: row.session_id, merchantId: row.merchant_id, livemode: row.livemode, sequence: row.sequence, state: row.state };
  }

  async saveSessionObject(manager: EntityManager, record: SessionObjectRecord): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.sessions} (session_id, merchant_id, livemode, sequence, state, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, now())
       ON CONFLICT (session_id) DO UPDATE SET sequence = EXCLUDED.sequence, state = EXCLUDED.state, updated_at = now()`,
      [record.sessionId, record.merchantId, record.livemode, record.sequence, JSON.stringify(record.state)],
    );
  }

  /** Inserts the message unless its event is already there; answers whether it was new. */
  async insertMessage(manager: EntityManager, message: NewMessage): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO ${this.messages}
         (event_id, source_event_id, merchant_id, livemode, type, session_id, sequence, body, correlation_id, test, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [
        message.eventId,
        message.sourceEventId,
        message.merchantId,
        message.livemode,
        message.type,
        message.sessionId,
        message.sequence,
        message.body,
        message.correlationId,
        message.test,
        message.createdAt,
      ],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * Enabled endpoints of the merchant and mode that take this type and existed
   * when the event happened (a replay of the log never sends an endpoint
   * history from before it was created; the replay operation does that on request).
   */
  async subscribedEndpointIds(manager: EntityManager, merchantId: string, livemode: boolean, type: string, occurredAt: Date): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT endpoint_id FROM ${this.endpoints}
       WHERE merchant_id = $1 AND livemode = $2 AND status = 'enabled' AND (enabled_events ? $3 OR enabled_events ? '*')
         AND created_at <= $4
       ORDER BY endpoint_id`,
      [merchantId, livemode, type, occurredAt],
    )) as { endpoint_id: string }[];
    return rows.map((row) => row.endpoint_id);
  }

  /** Inserts deliveries, skipping any whose dedup key exists; answers the ids inserted. */
  async insertDeliveries(manager: EntityManager, deliveries: NewDelivery[]): Promise<string[]> {
    if (deliveries.length === 0) return [];
    const rows = (await manager.query(
      `INSERT INTO ${this.deliveries}
         (delivery_id, event_id, endpoint_id, merchant_id, livemode, event_type, origin, test, dedup_key, status,
          attempt_count, next_attempt_at, created_at, updated_at)
       SELECT d.delivery_id, d.event_id, d.endpoint_id, d.merchant_id, d.livemode, d.event_type, d.origin, d.test, d.dedup_key,
              d.status, 0, d.next_attempt_at, d.created_at, d.created_at
       FROM jsonb_to_recordset($1::jsonb) AS d(delivery_id text, event_id text, endpoint_id text, merchant_id text,
         livemode boolean, event_type text, origin text, test boolean, dedup_key text, status text,
         next_attempt_at timestamptz, created_at timestamptz)
       ON CONFLICT (dedup_key) DO NOTHING
       RETURNING delivery_id`,
      [
        JSON.stringify(
          deliveries.map((d) => ({
            delivery_id: d.deliveryId,
            event_id: d.eventId,
            endpoint_id: d.endpointId,
            merchant_id: d.merchantId,
            livemode: d.livemode,
            event_type: d.eventType,
            origin: d.origin,
            test: d.test,
            dedup_key: d.dedupKey,
            status: d.status,
            next_attempt_at: d.nextAttemptAt.toISOString(),
            created_at: d.createdAt.toISOString(),
          })),
        ),
      ],
    )) as { delivery_id: string }[];
    return rows.map((row) => row.delivery_id);
  }

  /** The merchant's stream events of these types created in [since, until], oldest first. */
  async messagesForReplay(
    manager: EntityManager,
    filter: { merchantId: string; livemode: boolean; types: string[]; since: Date; until: Date | null; limit: number },
  ): Promise<StoredMessage[]> {
    const rows = (await manager.query(
      `SELECT event_id, type, created_at FROM ${this.messages}
       WHERE merchant_id = $1 AND livemode = $2 AND NOT test AND type = ANY($3) AND created_at >= $4
         AND ($5::timestamptz IS NULL OR created_at <= $5)
       ORDER BY created_at, event_id LIMIT $6`,
      [filter.merchantId, filter.livemode, filter.types, filter.since, filter.until, filter.limit],
    )) as { event_id: string; type: string; created_at: Date }[];
    return rows.map((row) => ({ eventId: row.event_id, type: row.type, createdAt: row.created_at }));
  }
}
