import { deriveAddress } from '@opencheckout/chain';
import { ValidationError } from '@opencheckout/errors';
import type { EntityManager } from 'typeorm';

export interface AllocatedAddress {
  walletId: string;
  index: number;
  address: string;
}

/**
 * Hands out the next receive address of the merchant's wallet. The counter row
 * is bumped in the caller's transaction, so an index is used once: a rolled-back
 * session leaves no gap, a committed one is never reused.
 */
export class AddressAllocator {
  constructor(private readonly schema: string) {}

  async allocate(manager: EntityManager, merchantId: string, livemode: boolean): Promise<AllocatedAddress> {
    const wallets: { wallet_id: string; xpub: string }[] = await manager.query(
      `SELECT wallet_id, xpub FROM "${this.schema}".merchant_wallets
       WHERE merchant_id = $1 AND livemode = $2 AND chain_family = 'evm' AND active
       ORDER BY added_at DESC, wallet_id DESC LIMIT 1`,
      [merchantId, livemode],
    );
    const wallet = wallets[0];
    if (wallet === undefined) {
      throw new ValidationError(
        `No ${livemode ? 'live' : 'test'}-mode wallet is set up: add one (an extended public key) before creating checkout sessions.`,
        { code: 'wallet_missing' },
      );
    }
    const rows: { index: string }[] = await manager.query(
      `INSERT INTO "${this.schema}".address_allocations (wallet_id, next_index) VALUES ($1, 1)
       ON CONFLICT (wallet_id) DO UPDATE SET next_index = address_allocations.next_index + 1
       RETURNING next_index - 1 AS index`,
      [wallet.wallet_id],
    );
    const index = Number(rows[0]!.index);
    return { walletId: wallet.wallet_id, index, address: deriveAddress(wallet.xpub, index) };
  }
}
