import { receiveAddressAt, validateXpub } from '@opencheckout/chain';
import { ValidationError } from '@opencheckout/errors';
import type { HDKey } from '@scure/bip32';
import pg from 'pg';

export interface AllocatedAddress {
  walletId: string;
  index: number;
  address: string;
}

/**
 * Hands out the next receive address of the merchant's wallet.
 *
 * The counter row is bumped in one short statement on a small pool of its
 * own, not inside the session's transaction: held there, its row lock would
 * queue every concurrent create of a merchant behind the slowest commit. An
 * index is never handed out twice. The session's transaction claims its
 * Idempotency-Key before asking, so concurrent twins of one request take no
 * address; a create that fails after taking one leaves it unused, as every
 * unpaid session does. A wallet that scans for funds must therefore use a gap
 * limit above the longest run of unused addresses, or look addresses up by
 * index (every session records its wallet and derivation index).
 */
export class AddressAllocator {
  private readonly accounts = new Map<string, HDKey>();

  private readonly pool: pg.Pool;

  constructor(
    databaseUrl: string,
    private readonly schema: string,
  ) {
    // Separate from the transaction pool, so a transaction waiting here never waits on itself.
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 4, application_name: 'session-address-allocator' });
    // An idle connection the server closes (restart, failover) is replaced on next use; it must not crash the process.
    this.pool.on('error', () => undefined);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async allocate(merchantId: string, livemode: boolean): Promise<AllocatedAddress> {
    const { rows } = await this.pool.query<{ wallet_id: string; xpub: string; index: string }>(
      `WITH wallet AS (
         SELECT wallet_id, xpub FROM "${this.schema}".merchant_wallets
         WHERE merchant_id = $1 AND livemode = $2 AND chain_family = 'evm' AND active
         ORDER BY added_at DESC, wallet_id DESC LIMIT 1
       ), taken AS (
         INSERT INTO "${this.schema}".address_allocations (wallet_id, next_index)
         SELECT wallet_id, 1 FROM wallet
         ON CONFLICT (wallet_id) DO UPDATE SET next_index = address_allocations.next_index + 1
         RETURNING wallet_id, next_index - 1 AS index
       )
       SELECT taken.wallet_id, wallet.xpub, taken.index FROM taken JOIN wallet USING (wallet_id)`,
      [merchantId, livemode],
    );
    const row = rows[0];
    if (row === undefined) {
      throw new ValidationError(
        `No ${livemode ? 'live' : 'test'}-mode wallet is set up: add one (an extended public key) before creating checkout sessions.`,
        { code: 'wallet_missing' },
      );
    }
    const index = Number(row.index);
    return { walletId: row.wallet_id, index, address: receiveAddressAt(this.externalChain(row.xpub), index) };
  }

  /** Parsing an xpub and deriving its external chain cost more than the address itself: done once per wallet. */
  private externalChain(xpub: string): HDKey {
    let key = this.accounts.get(xpub);
    if (key === undefined) {
      key = validateXpub(xpub).deriveChild(0);
      this.accounts.set(xpub, key);
    }
    return key;
  }
}
