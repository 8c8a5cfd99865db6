import { decryptSecret, encryptSecret, type SecretKey } from '@opencheckout/chain';
import { IdempotencyKeyMismatchError } from '@opencheckout/errors';
import type { EntityManager } from 'typeorm';

export interface IdempotencyClaim {
  /** The merchant, or OPERATOR_SCOPE for the operator's calls. */
  scope: string;
  livemode: boolean;
  key: string;
  operation: string;
  requestHash: string;
  now: Date;
  ttlSeconds: number;
}

export const OPERATOR_SCOPE = '_operator';

/**
 * Stripe's idempotency, enforced by the primary key in the caller's transaction
 * (as in the session service): the first request inserts its row and commits it
 * with its events; a concurrent twin blocks on the key until then and gets the
 * first answer; another request under the same key gets an idempotency_error;
 * rows past their expiry are taken over. Answers here can hold a secret shown
 * once (an API key, a webhook secret), so they are stored sealed with AES-GCM.
 */
export class IdempotencyStore {
  constructor(
    private readonly schema: string,
    private readonly key: SecretKey,
  ) {}

  /** The first answer when this key was used before; null when this request owns the key now. */
  async claim(manager: EntityManager, claim: IdempotencyClaim): Promise<unknown | null> {
    const expiresAt = new Date(claim.now.getTime() + claim.ttlSeconds * 1000);
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "${this.schema}".idempotency_keys (scope, livemode, key, operation, request_hash, response, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, NULL, $6, $7)
       ON CONFLICT (scope, livemode, key) DO UPDATE
         SET operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash, response = NULL,
             created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at <= EXCLUDED.created_at
       RETURNING key`,
      [claim.scope, claim.livemode, claim.key, claim.operation, claim.requestHash, claim.now, expiresAt],
    );
    if (inserted.length > 0) return null;
    const rows: { operation: string; request_hash: string; response: string | null }[] = await manager.query(
      `SELECT operation, request_hash, response FROM "${this.schema}".idempotency_keys
       WHERE scope = $1 AND livemode = $2 AND key = $3`,
      [claim.scope, claim.livemode, claim.key],
    );
    const prior = rows[0];
    if (prior === undefined || prior.operation !== claim.operation || prior.request_hash !== claim.requestHash) {
      throw new IdempotencyKeyMismatchError();
    }
    return prior.response === null ? null : JSON.parse(decryptSecret(prior.response, [this.key]));
  }

  async complete(manager: EntityManager, claim: Pick<IdempotencyClaim, 'scope' | 'livemode' | 'key'>, response: unknown): Promise<void> {
    await manager.query(
      `UPDATE "${this.schema}".idempotency_keys SET response = $4 WHERE scope = $1 AND livemode = $2 AND key = $3`,
      [claim.scope, claim.livemode, claim.key, encryptSecret(JSON.stringify(response), this.key)],
    );
  }

  /** Drops expired rows; their keys may be reused. */
  async purgeExpired(manager: EntityManager, now: Date): Promise<number> {
    const result: [unknown[], number] = await manager.query(
      `DELETE FROM "${this.schema}".idempotency_keys WHERE expires_at <= $1`,
      [now],
    );
    return result[1];
  }
}
