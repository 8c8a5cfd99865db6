import type { DataSource, EntityManager } from 'typeorm';
import { qualified } from '@opencheckout/event-store';
import type { DeliveryStatus } from '../domain/attempt-outcome.js';
import type { WebhookEndpointState } from '../domain/webhook-endpoint.js';

/** A delivery leased to one worker, with what it needs to send it. */
export interface ClaimedDelivery {
  deliveryId: string;
  eventId: string;
  eventType: string;
  endpointId: string;
  merchantId: string;
  livemode: boolean;
  test: boolean;
  /** The attempt about to be made (1-based). */
  attempt: number;
  body: string;
  correlationId: string | null;
  sourceEventId: string | null;
  endpoint: WebhookEndpointState;
}

export interface ClaimParameters {
  owner: string;
  now: Date;
  leaseMs: number;
  limit: number;
  perEndpoint: number;
}

export interface DeliveryRecord {
  deliveryId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  merchantId: string;
  livemode: boolean;
  origin: string;
  test: boolean;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
}

export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  succeeded: boolean;
  httpStatus: number | null;
  latencyMs: number;
  responseExcerpt: string;
  error: string | null;
  attemptedAt: Date;
  nextAttemptAt: Date | null;
}

export interface DeliveryFilter {
  merchantId: string;
  livemode: boolean;
  endpointId?: string;
  eventId?: string;
  eventType?: string;
  statuses?: DeliveryStatus[];
  createdGte?: Date;
  createdLte?: Date;
  /** Newest first: ids below this one. */
  startingAfter?: string;
  /** Newest first: ids above this one (the page before). */
  endingBefore?: string;
  limit: number;
}

interface DeliveryRow {
  delivery_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  merchant_id: string;
  livemode: boolean;
  origin: string;
  test: boolean;
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: Date | null;
  created_at: Date;
}

const deliveryColumns =
  'delivery_id, endpoint_id, event_id, event_type, merchant_id, livemode, origin, test, status, attempt_count, next_attempt_at, created_at';

function toDelivery(row: DeliveryRow): DeliveryRecord {
  return {
    deliveryId: row.delivery_id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    merchantId: row.merchant_id,
    livemode: row.livemode,
    origin: row.origin,
    test: row.test,
    status: row.status,
    attemptCount: row.attempt_count,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
  };
}

/** Due deliveries, their leases, attempts and reads. */
export class DeliveryRepository {
  private readonly deliveries: string;
  private readonly attempts: string;
  private readonly messages: string;
  private readonly endpoints: string;
  private readonly health: string;
  private readonly claimLockKey: number;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
  ) {
    this.deliveries = qualified(schema, 'deliveries');
    this.attempts = qualified(schema, 'attempts');
    this.messages = qualified(schema, 'messages');
    this.endpoints = qualified(schema, 'webhook_endpoints');
    this.health = qualified(schema, 'endpoint_health');
    // One claim at a time across replicas keeps the per-endpoint cap exact; claims take a millisecond.
    let hash = 0;
    for (const char of `${schema}.claim_deliveries`) hash = (hash * 31 + char.charCodeAt(0)) | 0;
    this.claimLockKey = hash;
  }

  /**
   * Leases up to `limit` due deliveries of enabled endpoints, at most
   * `perEndpoint` in flight per endpoint counting every replica's leases. Rows
   * are taken with FOR UPDATE SKIP LOCKED and leased for `leaseMs` (longer than
   * the POST timeout), so a crashed worker's deliveries come back when the lease
   * runs out and no two live workers send the same delivery.
   */
  async claim(parameters: ClaimParameters): Promise<ClaimedDelivery[]> {
    const { owner, now, leaseMs, limit, perEndpoint } = parameters;
    if (limit <= 0) return [];
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const ids = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [this.claimLockKey]);
      const rows = (await manager.query(
        `WITH busy AS (
           SELECT endpoint_id, count(*)::int AS n FROM ${this.deliveries}
           WHERE lease_until IS NOT NULL AND lease_until > $1 GROUP BY endpoint_id
         ), candidates AS (
           SELECT due.delivery_id, due.next_attempt_at
           FROM ${this.endpoints} e
           LEFT JOIN busy b ON b.endpoint_id = e.endpoint_id
           CROSS JOIN LATERAL (
             SELECT d.delivery_id, d.next_attempt_at FROM ${this.deliveries} d
             WHERE d.endpoint_id = e.endpoint_id AND d.status IN ('pending', 'retrying') AND d.next_attempt_at <= $1
               AND (d.lease_until IS NULL OR d.lease_until <= $1)
             ORDER BY d.next_attempt_at
             LIMIT greatest($2::int - coalesce(b.n, 0), 0)
           ) due
           WHERE e.status = 'enabled'
           ORDER BY due.next_attempt_at
           LIMIT $3
         )
         SELECT d.delivery_id FROM ${this.deliveries} d
         WHERE d.delivery_id IN (SELECT delivery_id FROM candidates)
         FOR UPDATE OF d SKIP LOCKED`,
        [now, perEndpoint, limit],
      )) as { delivery_id: string }[];
      const claimed = rows.map((row) => row.delivery_id);
      if (claimed.length === 0) return [];
      await manager.query(
        `UPDATE ${this.deliveries} SET lease_owner = $1, lease_until = $2, updated_at = $3 WHERE delivery_id = ANY($4)`,
        [owner, leaseUntil, now, claimed],
      );
      return claimed;
    });
    if (ids.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT d.delivery_id, d.event_id, d.event_type, d.endpoint_id, d.merchant_id, d.livemode, d.test, d.attempt_count,
              m.body, m.correlation_id, m.source_event_id::text AS source_event_id, row_to_json(e.*) AS endpoint
       FROM ${this.deliveries} d
       JOIN ${this.messages} m ON m.event_id = d.event_id
       JOIN ${this.endpoints} e ON e.endpoint_id = d.endpoint_id
       WHERE d.delivery_id = ANY($1)
       ORDER BY d.next_attempt_at`,
      [ids],
    )) as {
      delivery_id: string;
      event_id: string;
      event_type: string;
      endpoint_id: string;
      merchant_id: string;
      livemode: boolean;
      test: boolean;
      attempt_count: number;
      body: string;
      correlation_id: string | null;
      source_event_id: string | null;
      endpoint: WebhookEndpointState;
    }[];
    return rows.map((row) => ({
      deliveryId: row.delivery_id,
      eventId: row.event_id,
      eventType: row.event_type,
      endpointId: row.endpoint_id,
      merchantId: row.merchant_id,
      livemode: row.livemode,
      test: row.test,
      attempt: row.attempt_count + 1,
      body: row.body,
      correlationId: row.correlation_id,
      sourceEventId: row.source_event_id,
      endpoint: row.endpoint,
    }));
  }

  /** Gives leases back (a worker stopping before it sent): they are due again at once. */
  async release(owner: string, deliveryIds: string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.dataSource.query(
      `UPDATE ${this.deliveries} SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1 AND delivery_id = ANY($2)`,
      [owner, deliveryIds],
    );
  }

  /** Whether `owner` still holds the delivery's lease for this attempt (locks the row). */
  async lockLeased(manager: EntityManager, deliveryId: string, owner: string, attempt: number): Promise<boolean> {
    const rows = (await manager.query(
      `SELECT 1 FROM ${this.deliveries} WHERE delivery_id = $1 AND lease_owner = $2 AND attempt_count = $3 FOR UPDATE`,
      [deliveryId, owner, attempt - 1],
    )) as unknown[];
    return rows.length > 0;
  }

  async insertAttempt(manager: EntityManager, attempt: AttemptRecord & { endpointId: string }): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.attempts}
         (delivery_id, attempt, endpoint_id, succeeded, http_status, latency_ms, response_excerpt, error, attempted_at, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        attempt.deliveryId,
        attempt.attempt,
        attempt.endpointId,
        attempt.succeeded,
        attempt.httpStatus,
        attempt.latencyMs,
        attempt.responseExcerpt,
        attempt.error,
        attempt.attemptedAt,
        attempt.nextAttemptAt,
      ],
    );
  }

  async finishAttempt(
    manager: EntityManager,
    deliveryId: string,
    change: { status: DeliveryStatus; attempt: number; nextAttemptAt: Date | null; now: Date },
  ): Promise<void> {
    await manager.query(
      `UPDATE ${this.deliveries}
       SET status = $2, attempt_count = $3, next_attempt_at = $4, lease_owner = NULL, lease_until = NULL, updated_at = $5
       WHERE delivery_id = $1`,
      [deliveryId, change.status, change.attempt, change.nextAttemptAt, change.now],
    );
  }

  /** The endpoint's current failure run, locked for this attempt's decision. */
  async lockHealth(manager: EntityManager, endpointId: string): Promise<Date | null> {
    await manager.query(`INSERT INTO ${this.health} (endpoint_id) VALUES ($1) ON CONFLICT DO NOTHING`, [endpointId]);
    const rows = (await manager.query(`SELECT failing_since FROM ${this.health} WHERE endpoint_id = $1 FOR UPDATE`, [
      endpointId,
    ])) as { failing_since: Date | null }[];
    return rows[0]?.failing_since ?? null;
  }

  async saveHealth(manager: EntityManager, endpointId: string, failingSince: Date | null, now: Date, ok: boolean): Promise<void> {
    await manager.query(
      `UPDATE ${this.health} SET failing_since = $2,
         last_success_at = CASE WHEN $4 THEN $3 ELSE last_success_at END,
         last_failure_at = CASE WHEN $4 THEN last_failure_at ELSE $3 END
       WHERE endpoint_id = $1`,
      [endpointId, failingSince, now, ok],
    );
  }

  /** The endpoint row, locked; null when it was deleted. */
  async lockEndpoint(manager: EntityManager, endpointId: string): Promise<WebhookEndpointState | null> {
    const rows = (await manager.query(`SELECT row_to_json(e.*) AS endpoint FROM ${this.endpoints} e WHERE endpoint_id = $1 FOR UPDATE`, [
      endpointId,
    ])) as { endpoint: WebhookEndpointState }[];
    return rows[0]?.endpoint ?? null;
  }

  /**
   * Marks the endpoint disabled right away, with exactly the values the
   * projection writes when the `webhook.endpoint_disabled` event comes back,
   * so deliveries stop now and a rebuild lands on the same row.
   */
  async markEndpointDisabled(manager: EntityManager, endpointId: string, reason: string, at: string): Promise<void> {
    await manager.query(
      `UPDATE ${this.endpoints} SET status = 'disabled', disabled_reason = $2, status_changed_at = $3, updated_at = $3
       WHERE endpoint_id = $1`,
      [endpointId, reason, at],
    );
  }

  async findEndpoint(endpointId: string, merchantId: string, livemode: boolean): Promise<WebhookEndpointState | null> {
    const rows = (await this.dataSource.query(
      `SELECT row_to_json(e.*) AS endpoint FROM ${this.endpoints} e WHERE endpoint_id = $1 AND merchant_id = $2 AND livemode = $3`,
      [endpointId, merchantId, livemode],
    )) as { endpoint: WebhookEndpointState }[];
    return rows[0]?.endpoint ?? null;
  }

  async findDelivery(deliveryId: string, merchantId: string, livemode: boolean): Promise<DeliveryRecord | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${deliveryColumns} FROM ${this.deliveries} WHERE delivery_id = $1 AND merchant_id = $2 AND livemode = $3`,
      [deliveryId, merchantId, livemode],
    )) as DeliveryRow[];
    return rows[0] === undefined ? null : toDelivery(rows[0]);
  }

  /** Makes a delivery due now (a manual retry); attempts already made stay as they are. */
  async scheduleNow(deliveryId: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.deliveries} SET status = CASE WHEN attempt_count = 0 THEN 'pending' ELSE 'retrying' END,
         next_attempt_at = $2, updated_at = $2
       WHERE delivery_id = $1`,
      [deliveryId, now],
    );
  }

  async list(filter: DeliveryFilter): Promise<{ data: DeliveryRecord[]; hasMore: boolean }> {
    const where = ['merchant_id = $1', 'livemode = $2'];
    const params: unknown[] = [filter.merchantId, filter.livemode];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.endpointId) add('endpoint_id = ?', filter.endpointId);
    if (filter.eventId) add('event_id = ?', filter.eventId);
    if (filter.eventType) add('event_type = ?', filter.eventType);
    if (filter.statuses && filter.statuses.length > 0) add('status = ANY(?)', filter.statuses);
    if (filter.createdGte) add('created_at >= ?', filter.createdGte);
    if (filter.createdLte) add('created_at <= ?', filter.createdLte);
    const before = filter.endingBefore !== undefined && filter.endingBefore !== '';
    if (before) add('delivery_id > ?', filter.endingBefore);
    else if (filter.startingAfter) add('delivery_id < ?', filter.startingAfter);
    params.push(filter.limit + 1);
    // Ids are ULIDs: their order is creation order. The page before is read upwards, then turned.
    const rows = (await this.dataSource.query(
      `SELECT ${deliveryColumns} FROM ${this.deliveries} WHERE ${where.join(' AND ')}
       ORDER BY delivery_id ${before ? 'ASC' : 'DESC'} LIMIT $${params.length}`,
      params,
    )) as DeliveryRow[];
    const hasMore = rows.length > filter.limit;
    const page = rows.slice(0, filter.limit).map(toDelivery);
    if (before) page.reverse();
    return { data: page, hasMore };
  }

  async attemptsOf(deliveryIds: string[]): Promise<Map<string, AttemptRecord[]>> {
    const byDelivery = new Map<string, AttemptRecord[]>();
    if (deliveryIds.length === 0) return byDelivery;
    const rows = (await this.dataSource.query(
      `SELECT delivery_id, attempt, succeeded, http_status, latency_ms, response_excerpt, error, attempted_at, next_attempt_at
       FROM ${this.attempts} WHERE delivery_id = ANY($1) ORDER BY delivery_id, attempt`,
      [deliveryIds],
    )) as {
      delivery_id: string;
      attempt: number;
      succeeded: boolean;
      http_status: number | null;
      latency_ms: number;
      response_excerpt: string;
      error: string | null;
      attempted_at: Date;
      next_attempt_at: Date | null;
    }[];
    for (const row of rows) {
      const list = byDelivery.get(row.delivery_id) ?? [];
      list.push({
        deliveryId: row.delivery_id,
        attempt: row.attempt,
        succeeded: row.succeeded,
        httpStatus: row.http_status,
        latencyMs: row.latency_ms,
        responseExcerpt: row.response_excerpt,
        error: row.error,
        attemptedAt: row.attempted_at,
        nextAttemptAt: row.next_attempt_at,
      });
      byDelivery.set(row.delivery_id, list);
    }
    return byDelivery;
  }

  /** The earliest time a delivery of an enabled endpoint falls due, for the worker's next wake-up. */
  async nextDueAt(): Promise<Date | null> {
    const rows = (await this.dataSource.query(
      `SELECT min(d.next_attempt_at) AS at FROM ${this.deliveries} d JOIN ${this.endpoints} e ON e.endpoint_id = d.endpoint_id
       WHERE d.status IN ('pending', 'retrying') AND e.status = 'enabled'`,
    )) as { at: Date | null }[];
    return rows[0]?.at ?? null;
  }
}
