import type { JsonValue } from '@bufbuild/protobuf';
import {
  SessionCanceledSchema,
  SessionCreatedSchema,
  SessionDetectedSchema,
  SessionExpiredSchema,
  SessionPaymentConfirmedSchema,
  SessionPaymentReceivedAfterCloseSchema,
  SessionRevertedSchema,
  SessionStatus,
  decodeEventData,
  decodeEventDataAs,
} from '@opencheckout/contracts';
import type { RecordedEventLike } from '@opencheckout/event-store';
import type { RowProjection } from '@opencheckout/messaging';

export interface TransactionRow extends Record<string, unknown> {
  session_id: string;
  merchant_id: string;
  livemode: boolean;
  status: string;
  mode: string;
  fiat_amount_minor: string;
  fiat_currency: string;
  chain_id: number;
  asset_code: string;
  asset_decimals: number;
  amount_due_atomic: string;
  amount_received_atomic: string;
  pay_to_address: string;
  /** The payer: `from` of the first payment seen. */
  customer_address: string | null;
  tx_hashes: string[];
  client_reference_id: string | null;
  created_at: string;
  paid_at: string | null;
  expired_at: string | null;
  canceled_at: string | null;
  updated_at: string;
}

export const TRANSACTION_EVENT_TYPES = [
  'session.created',
  'session.detected',
  'session.payment_confirmed',
  'session.paid',
  'session.overpaid',
  'session.paid_late',
  'session.underpaid',
  'session.expired',
  'session.canceled',
  'session.reverted',
  'session.payment_received_after_close',
];

/** Paid in the product's sense: revenue counts these. */
export const PAID_STATUSES = ['paid', 'overpaid', 'paid_late'];

const STATUS_NAMES: Record<number, string> = {
  [SessionStatus.PENDING]: 'pending',
  [SessionStatus.DETECTED]: 'detected',
  [SessionStatus.PAID]: 'paid',
  [SessionStatus.UNDERPAID]: 'underpaid',
  [SessionStatus.OVERPAID]: 'overpaid',
  [SessionStatus.EXPIRED]: 'expired',
  [SessionStatus.PAID_LATE]: 'paid_late',
  [SessionStatus.CANCELED]: 'canceled',
};

export function sessionStatusName(status: SessionStatus): string {
  const name = STATUS_NAMES[status];
  if (name === undefined) throw new Error(`unknown session status ${status}`);
  return name;
}

const SETTLED: Record<string, string> = {
  'session.paid': 'paid',
  'session.overpaid': 'overpaid',
  'session.paid_late': 'paid_late',
  'session.underpaid': 'underpaid',
};

function withTx(hashes: string[], txHash: string | undefined): string[] {
  return txHash && !hashes.includes(txHash) ? [...hashes, txHash] : hashes;
}

/** One row per checkout session, for the dashboard's transactions, analytics and exports. */
export const transactionsProjection: RowProjection<TransactionRow> = {
  name: 'transactions',
  table: 'transactions',
  primaryKey: 'session_id',
  columnsSql: [
    'session_id text NOT NULL',
    'merchant_id text NOT NULL',
    'livemode boolean NOT NULL',
    'status text NOT NULL',
    'mode text NOT NULL',
    'fiat_amount_minor numeric(78,0) NOT NULL',
    'fiat_currency text NOT NULL',
    'chain_id integer NOT NULL',
    'asset_code text NOT NULL',
    'asset_decimals integer NOT NULL',
    'amount_due_atomic numeric(78,0) NOT NULL',
    'amount_received_atomic numeric(78,0) NOT NULL',
    'pay_to_address text NOT NULL',
    'customer_address text',
    'tx_hashes jsonb NOT NULL',
    'client_reference_id text',
    'created_at timestamptz NOT NULL',
    'paid_at timestamptz',
    'expired_at timestamptz',
    'canceled_at timestamptz',
    'updated_at timestamptz NOT NULL',
  ].join(', '),
  indexSql: (table, name) => [
    `CREATE INDEX IF NOT EXISTS "${name}_merchant_created_idx" ON ${table} (merchant_id, livemode, created_at DESC, session_id DESC)`,
    `CREATE INDEX IF NOT EXISTS "${name}_merchant_paid_idx" ON ${table} (merchant_id, livemode, paid_at) WHERE paid_at IS NOT NULL`,
  ],
  handles: TRANSACTION_EVENT_TYPES,
  key(event: RecordedEventLike) {
    const id = (event.data as { sessionId?: unknown }).sessionId;
    return typeof id === 'string' && id !== '' ? id : null;
  },
  evolve(row, event) {
    const data = event.data as JsonValue;
    if (event.type === 'session.created') {
      // A session is created once; a replayed creation must not reset what followed it.
      if (row !== null) return row;
      const created = decodeEventDataAs(SessionCreatedSchema, data);
      return {
        session_id: created.sessionId,
        merchant_id: created.merchantId,
        livemode: created.livemode,
        status: 'pending',
        mode: ['unspecified', 'payment', 'donation', 'subscription'][created.mode] ?? 'payment',
        fiat_amount_minor: created.fiat?.amountMinor || '0',
        fiat_currency: created.fiat?.currency ?? '',
        chain_id: created.asset?.chainId ?? 0,
        asset_code: created.asset?.assetCode ?? '',
        asset_decimals: created.asset?.decimals ?? 0,
        amount_due_atomic: created.amountDueAtomic || '0',
        amount_received_atomic: '0',
        pay_to_address: created.payTo?.address ?? '',
        customer_address: null,
        tx_hashes: [],
        client_reference_id: created.clientReferenceId || null,
        created_at: created.createdAt || event.occurredAt,
        paid_at: null,
        expired_at: null,
        canceled_at: null,
        updated_at: event.occurredAt,
      };
    }
    if (row === null) throw new Error(`cannot fold ${event.type} before session.created`);
    const next: TransactionRow = { ...row, updated_at: event.occurredAt };
    switch (event.type) {
      case 'session.detected': {
        const detected = decodeEventDataAs(SessionDetectedSchema, data);
        next.status = 'detected';
        next.amount_received_atomic = detected.amountReceivedAtomic || row.amount_received_atomic;
        next.customer_address = row.customer_address ?? (detected.from || null);
        next.tx_hashes = withTx(row.tx_hashes, detected.payment?.txHash);
        break;
      }
      case 'session.payment_confirmed': {
        const confirmed = decodeEventDataAs(SessionPaymentConfirmedSchema, data);
        next.amount_received_atomic = confirmed.amountReceivedAtomic || row.amount_received_atomic;
        next.tx_hashes = withTx(row.tx_hashes, confirmed.payment?.txHash);
        break;
      }
      case 'session.paid':
      case 'session.overpaid':
      case 'session.paid_late':
      case 'session.underpaid': {
        const settled = decodeEventData(event.type, data) as unknown as {
          amountReceivedAtomic: string;
          payment?: { txHash: string };
        };
        next.status = SETTLED[event.type]!;
        next.amount_received_atomic = settled.amountReceivedAtomic || row.amount_received_atomic;
        next.tx_hashes = withTx(row.tx_hashes, settled.payment?.txHash);
        if (next.status !== 'underpaid') next.paid_at = row.paid_at ?? event.occurredAt;
        break;
      }
      case 'session.expired': {
        const expired = decodeEventDataAs(SessionExpiredSchema, data);
        next.status = 'expired';
        next.expired_at = expired.expiredAt || event.occurredAt;
        break;
      }
      case 'session.canceled': {
        const canceled = decodeEventDataAs(SessionCanceledSchema, data);
        next.status = 'canceled';
        next.canceled_at = canceled.canceledAt || event.occurredAt;
        break;
      }
      case 'session.reverted': {
        const reverted = decodeEventDataAs(SessionRevertedSchema, data);
        next.status = sessionStatusName(reverted.status);
        next.amount_received_atomic = reverted.amountReceivedAtomic || '0';
        if (!PAID_STATUSES.includes(next.status)) next.paid_at = null;
        break;
      }
      case 'session.payment_received_after_close': {
        const late = decodeEventDataAs(SessionPaymentReceivedAfterCloseSchema, data);
        next.tx_hashes = withTx(row.tx_hashes, late.payment?.txHash);
        break;
      }
    }
    return next;
  },
};
