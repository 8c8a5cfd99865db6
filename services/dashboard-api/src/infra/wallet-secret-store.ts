import { encryptSecret, type SecretKey } from '@opencheckout/chain';
import type { EntityManager } from 'typeorm';

/**
 * Imported BIP39 phrases, sealed with AES-256-GCM under the instance key
 * (OPENCHECKOUT_ENCRYPTION_KEY). The only place the material exists: never in
 * events, logs or answers. Removing the wallet removes its row.
 */
export class WalletSecretStore {
  constructor(
    private readonly schema: string,
    private readonly key: SecretKey,
  ) {}

  async store(manager: EntityManager, row: { walletId: string; merchantId: string; livemode: boolean; mnemonic: string; now: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO "${this.schema}".wallet_secrets (wallet_id, merchant_id, livemode, ciphertext, created_at) VALUES ($1, $2, $3, $4, $5)`,
      [row.walletId, row.merchantId, row.livemode, encryptSecret(row.mnemonic, this.key), row.now],
    );
  }

  async remove(manager: EntityManager, walletId: string): Promise<void> {
    await manager.query(`DELETE FROM "${this.schema}".wallet_secrets WHERE wallet_id = $1`, [walletId]);
  }
}
