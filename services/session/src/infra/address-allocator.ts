import { deriveAddress, validateXpub } from '@opencheckout/chain';
import { ValidationError } from '@opencheckout/errors';
import type { HDKey } from '@scure/bip32';
import type { DataSource, EntityManager } from 'typeorm';

export interface AllocatedAddress {
  walletId: string;
  index: number;
  address: string;
}

/**
 * Hands out the next receive address of the merchant's wallet.
 *
 * The counter row is bumped in the session's transaction (one statement that
 * also finds the wallet), so an index is used once: a rolled-back session
 * leaves no gap, a committed one is never reused. Unpaid sessions do leave
 * unused addresses behind: a wallet that scans for funds must use a gap limit
 * above the longest run of unpaid sessions, or look addresses up by index
 * (every session records its wallet and derivation index).
 */
export class AddressAllocator {
  private readonly accounts = new Map<string, HDKey>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {}

  async allocate(merchantId: string, livemode: boolean, manager: EntityManager = this.dataSource.manager): Promise<AllocatedAddress> {
    const rows: { wallet_id: string; xpub: string; index: string }[] = await manager.query(
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
    return { walletId: row.wallet_id, index, address: deriveAddress(this.account(row.xpub), index) };
  }

  /** Parsing and checking an xpub costs more than deriving from it: keep each parsed once. */
  private account(xpub: string): HDKey {
    let key = this.accounts.get(xpub);
    if (key === undefined) {
      key = validateXpub(xpub);
      this.accounts.set(xpub, key);
    }
    return key;
  }
}
