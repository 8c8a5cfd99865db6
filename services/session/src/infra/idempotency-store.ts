import { IdempotencyKeyMismatchError } from '@opencheckout/errors';
import type { EntityManager } from 'typeorm';

export interface IdempotencyClaim {
  merchantId: string;
  livemode: boolean;
  key: string;
  operation: string;
  requestHash: string;
  now: Date;
  ttlSeconds: number;
}

/**
 * Stripe's idempotency, enforced by the primary key in the caller's transaction:
 * the first request inserts its row and commits it together with its events; a
 * concurrent twin blocks on the key until then and gets the first answer; a
 * different request under the same key gets an idempotency_error. Rows past
 * their expiry are taken over.
 */
export class IdempotencyStore {
  constructor(private readonly schema: string) {}

  /** The stored first answer when this key was used before; null when this request owns the key now. */
  async claim(manager: EntityManager, claim: IdempotencyClaim): Promise<unknown | null> {
    const expiresAt = new Date(claim.now.getTime() + claim.ttlSeconds * 1000);
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "${this.schema}".idempotency_keys (merchant_id, livemode, key, operation, request_hash, response, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'null'::jsonb, $6, $7)
       ON CONFLICT (merchant_id, livemode, key) DO UPDATE
         SET operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash, response = 'null'::jsonb,
             created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at <= EXCLUDED.created_at
       RETURNING key`,
      [claim.merchantId, claim.livemode, claim.key, claim.operation, claim.requestHash, claim.now, expiresAt],
    );
    if (inserted.length > 0) return null;
    const rows: { operation: string; request_hash: string; response: unknown }[] = await manager.query(
      `SELECT operation, request_hash, response FROM "${this.schema}".idempotency_keys
       WHERE merchant_id = $1 AND livemode = $2 AND key = $3`,
      [claim.merchantId, claim.livemode, claim.key],
    );
    const prior = rows[0];
    if (prior === undefined || prior.operation !== claim.operation || prior.request_hash !== claim.requestHash) {
      throw new IdempotencyKeyMismatchError();
    }
    return prior.response;
  }

  async complete(manager: EntityManager, claim: Pick<IdempotencyClaim, 'merchantId' | 'livemode' | 'key'>, response: unknown): Promise<void> {
    await manager.query(
      `UPDATE "${this.schema}".idempotency_keys SET response = $4::jsonb WHERE merchant_id = $1 AND livemode = $2 AND key = $3`,
      [claim.merchantId, claim.livemode, claim.key, JSON.stringify(response)],
    );
  }
}
