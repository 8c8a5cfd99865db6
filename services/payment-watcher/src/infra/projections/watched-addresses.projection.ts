import type { JsonValue } from '@bufbuild/protobuf';
import { SessionCreatedSchema, decodeEventDataAs } from '@opencheckout/contracts';
import type { RowProjection } from '@opencheckout/messaging';
import { watchUntilMs, type WatchedSession } from '../../domain/watched-session.js';

export interface WatchedAddressRow extends Record<string, unknown> {
  watch_key: string;
  chain_id: number;
  address: string;
  session_id: string;
  merchant_id: string;
  livemode: boolean;
  asset_code: string;
  token_address: string | null;
  confirmations_required: number;
  expires_at: string | Date;
  watch_until: string | Date;
}

export const WATCHED_ADDRESSES = 'watched_addresses';

export function watchKey(chainId: number, address: string): string {
  return `${chainId}:${address.toLowerCase()}`;
}

/** The session a `session.created` event asks the watcher to watch for. */
export function watchedSessionFrom(data: JsonValue, tailSeconds: number): WatchedSession | null {
  const created = decodeEventDataAs(SessionCreatedSchema, data);
  const address = created.payTo?.address ?? '';
  const chainId = created.asset?.chainId ?? 0;
  if (address === '' || chainId === 0) return null;
  return {
    chainId,
    address: address.toLowerCase(),
    sessionId: created.sessionId,
    merchantId: created.merchantId,
    livemode: created.livemode,
    assetCode: created.asset?.assetCode ?? '',
    tokenAddress: created.asset?.tokenAddress ? created.asset.tokenAddress.toLowerCase() : null,
    confirmationsRequired: created.confirmationsRequired,
    watchUntilMs: watchUntilMs(created.expiresAt, created.lateGraceSeconds, tailSeconds),
  };
}

export function watchedSessionFromRow(row: WatchedAddressRow): WatchedSession {
  return {
    chainId: Number(row.chain_id),
    address: row.address,
    sessionId: row.session_id,
    merchantId: row.merchant_id,
    livemode: row.livemode,
    assetCode: row.asset_code,
    tokenAddress: row.token_address,
    confirmationsRequired: Number(row.confirmations_required),
    watchUntilMs: new Date(row.watch_until).getTime(),
  };
}

/**
 * Pay-to addresses of sessions, from `session.created`: one row per (chain,
 * address). Rows outlive the session by the watch tail; the watcher loads the
 * live ones at start.
 */
export function watchedAddressesProjection(tailSeconds: number): RowProjection<WatchedAddressRow> {
  return {
    name: WATCHED_ADDRESSES,
    table: WATCHED_ADDRESSES,
    primaryKey: 'watch_key',
    columnsSql: [
      'watch_key text NOT NULL',
      'chain_id integer NOT NULL',
      'address text NOT NULL',
      'session_id text NOT NULL',
      'merchant_id text NOT NULL',
      'livemode boolean NOT NULL',
      'asset_code text NOT NULL',
      'token_address text',
      'confirmations_required integer NOT NULL',
      'expires_at timestamptz NOT NULL',
      'watch_until timestamptz NOT NULL',
    ].join(', '),
    indexSql: (table, name) => [`CREATE INDEX IF NOT EXISTS "${name}_watch_until_idx" ON ${table} (watch_until)`],
    handles: ['session.created'],
    key(event) {
      const data = event.data as { payTo?: { address?: string }; asset?: { chainId?: number } };
      const address = data.payTo?.address;
      const chainId = data.asset?.chainId;
      return address && chainId ? watchKey(chainId, address) : null;
    },
    evolve(_row, event) {
      const session = watchedSessionFrom(event.data as JsonValue, tailSeconds);
      if (session === null) return null;
      const created = event.data as { expiresAt?: string };
      return {
        watch_key: watchKey(session.chainId, session.address),
        chain_id: session.chainId,
        address: session.address,
        session_id: session.sessionId,
        merchant_id: session.merchantId,
        livemode: session.livemode,
        asset_code: session.assetCode,
        token_address: session.tokenAddress,
        confirmations_required: session.confirmationsRequired,
        expires_at: created.expiresAt ?? new Date(session.watchUntilMs).toISOString(),
        watch_until: new Date(session.watchUntilMs).toISOString(),
      };
    },
  };
}
