import type { JsonValue } from '@bufbuild/protobuf';
import {
  MerchantWalletAddedSchema,
  MerchantWalletRemovedSchema,
  decodeEventDataAs,
} from '@opencheckout/contracts';
import type { RowProjection } from '@opencheckout/messaging';

export interface MerchantWalletRow extends Record<string, unknown> {
  wallet_id: string;
  merchant_id: string;
  livemode: boolean;
  chain_family: string;
  xpub: string;
  active: boolean;
  added_at: string | Date;
}

/** The merchants' watch-only wallets, from which pay-to addresses are derived. */
export const merchantWalletsProjection: RowProjection<MerchantWalletRow> = {
  name: 'merchant_wallets',
  table: 'merchant_wallets',
  primaryKey: 'wallet_id',
  columnsSql: [
    'wallet_id text NOT NULL',
    'merchant_id text NOT NULL',
    'livemode boolean NOT NULL',
    'chain_family text NOT NULL',
    'xpub text NOT NULL',
    'active boolean NOT NULL',
    'added_at timestamptz NOT NULL',
  ].join(', '),
  indexSql: (table, name) => [
    `CREATE INDEX IF NOT EXISTS "${name}_merchant_idx" ON ${table} (merchant_id, livemode, chain_family) WHERE active`,
  ],
  handles: ['merchant.wallet_added', 'merchant.wallet_removed'],
  key(event) {
    const data = event.data as { walletId?: string };
    return data.walletId ?? null;
  },
  evolve(row, event) {
    if (event.type === 'merchant.wallet_added') {
      const added = decodeEventDataAs(MerchantWalletAddedSchema, event.data as JsonValue);
      return {
        wallet_id: added.walletId,
        merchant_id: added.merchantId,
        livemode: added.livemode,
        chain_family: added.chainFamily,
        xpub: added.xpub,
        active: true,
        added_at: added.createdAt || event.occurredAt,
      };
    }
    decodeEventDataAs(MerchantWalletRemovedSchema, event.data as JsonValue);
    return row === null ? null : { ...row, active: false };
  },
};
