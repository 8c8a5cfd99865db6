import { createHash } from 'node:crypto';
import type { JsonValue } from '@bufbuild/protobuf';
import { ConcurrencyError, NotFoundError } from '@opencheckout/errors';
import type { DataSource, EntityManager } from 'typeorm';
import { evolve, type MerchantEvent } from '../domain/merchant.decider.js';
import type { Merchant } from '../domain/merchant.js';
import type { IdempotencyStore } from '../infra/idempotency-store.js';
import type { MerchantRepository } from './merchant-repository.js';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
const MAX_ATTEMPTS = 4;

export interface Idempotency {
  key: string;
  /** Which create this is, so one key cannot answer two different operations. */
  operation: string;
  /** Stable hash of the request body (context excluded). */
  requestHash: string;
  /** The merchant, or OPERATOR_SCOPE. */
  scope: string;
  livemode: boolean;
}

export interface WriteParameters<R> {
  merchantId: string;
  /** A create for a merchant that does not exist yet (merchant.create). */
  creating?: boolean;
  idempotency?: Idempotency;
  correlationId?: string;
  /** The event that caused this write, when a reaction. */
  causationId?: string;
  now: Date;
  /**
   * Decides with the current state inside the transaction (after the merchant
   * lock and the idempotency claim); may write side tables with `manager`.
   * Gets the state after the events too, to build its answer.
   */
  run: (state: Merchant | null, manager: EntityManager) => Promise<{ events: MerchantEvent[]; answer: (after: Merchant) => R }>;
  encode: (answer: R) => JsonValue;
  decode: (json: JsonValue) => R;
}

/** SHA-256 of a message's canonical JSON (keys sorted), for idempotency. */
export function requestHash(message: JsonValue): string {
  const canonical = (value: JsonValue): string => {
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key]!)}`)
      .join(',')}}`;
  };
  return createHash('sha256').update(canonical(message)).digest('hex');
}

/**
 * The one write path of the Merchant aggregate: in one transaction, lock the
 * merchant (writers of one merchant queue, so limits hold under concurrency),
 * claim the idempotency key, fold the stream, decide, append with the expected
 * version and store the answer. A lost optimistic race is retried from the top.
 */
export class MerchantWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly merchants: MerchantRepository,
    private readonly idempotency: IdempotencyStore,
  ) {}

  async write<R>(params: WriteParameters<R>): Promise<R> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction((manager) => this.once(params, manager));
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async once<R>(params: WriteParameters<R>, manager: EntityManager): Promise<R> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`opencheckout.merchant:${params.merchantId}`]);
    const key = params.idempotency;
    const claim =
      key && key.key !== ''
        ? {
            scope: key.scope,
            livemode: key.livemode,
            key: key.key,
            operation: key.operation,
            requestHash: key.requestHash,
            now: params.now,
            ttlSeconds: IDEMPOTENCY_TTL_SECONDS,
          }
        : undefined;
    if (claim) {
      const prior = await this.idempotency.claim(manager, claim);
      if (prior !== null) return params.decode(prior as JsonValue);
    }
    const loaded = await this.merchants.load(params.merchantId, manager);
    if (loaded.state === null && !params.creating) throw new NotFoundError('merchant', params.merchantId);
    const { events, answer } = await params.run(loaded.state, manager);
    await this.merchants.append(params.merchantId, events, loaded.version, {
      occurredAt: params.now.toISOString(),
      correlationId: params.correlationId || undefined,
      causationId: params.causationId,
    }, manager);
    let after = loaded.state;
    for (const event of events) after = evolve(after, event, params.now.toISOString());
    const result = answer(after!);
    if (claim) await this.idempotency.complete(manager, claim, params.encode(result));
    return result;
  }
}
