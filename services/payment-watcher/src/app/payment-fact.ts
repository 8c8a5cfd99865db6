import { createHash } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { PaymentConfirmedSchema, PaymentDetectedSchema, PaymentRevertedSchema, encodeEventData } from '@opencheckout/contracts';
import type { ObservedTransfer } from '../domain/observed-transfer.js';
import type { WatchedSession } from '../domain/watched-session.js';

export type PaymentFactType = 'payment.detected' | 'payment.confirmed' | 'payment.reverted';

/** One event the watcher appends for one observation of a transfer. */
export interface PaymentFact {
  type: PaymentFactType;
  /** Deterministic: (type, transfer id, block hash), so a replayed block can never append it twice. */
  eventId: string;
  streamId: string;
  transfer: ObservedTransfer;
  session: WatchedSession;
  confirmations: number;
  data: Record<string, unknown>;
}

/** A UUID-shaped digest (version nibble 8: custom) of a stable key. */
export function stableEventId(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** One stream per transfer: its detections, confirmations and reversals across reorgs. */
export function paymentStreamId(transfer: ObservedTransfer): string {
  return `payment-${transfer.chainId}-${transfer.txHash.toLowerCase()}-${transfer.logIndex ?? 'native'}`;
}

/** Whether the transfer moved the asset the session asked for (an ETH transfer never pays a USDC session). */
export function paysSessionAsset(transfer: ObservedTransfer, session: WatchedSession): boolean {
  if (transfer.tokenAddress === null || session.tokenAddress === null) {
    return transfer.tokenAddress === session.tokenAddress && transfer.asset === session.assetCode;
  }
  return transfer.tokenAddress.toLowerCase() === session.tokenAddress.toLowerCase();
}

export function paymentFact(type: PaymentFactType, transfer: ObservedTransfer, session: WatchedSession, confirmations: number): PaymentFact {
  const fields = {
    chainId: transfer.chainId,
    txHash: transfer.txHash.toLowerCase(),
    logIndex: transfer.logIndex ?? -1,
    blockNumber: transfer.blockNumber,
    blockHash: transfer.blockHash,
    from: transfer.from,
    to: transfer.to,
    asset: { assetCode: transfer.asset, tokenAddress: transfer.tokenAddress ?? '' },
    amountAtomic: transfer.amount.toString(),
    confirmations,
    sessionId: session.sessionId,
    merchantId: session.merchantId,
    livemode: session.livemode,
    blockTimestamp: transfer.blockTimestamp === undefined ? '' : new Date(transfer.blockTimestamp * 1000).toISOString(),
  };
  const message =
    type === 'payment.detected'
      ? create(PaymentDetectedSchema, fields)
      : type === 'payment.confirmed'
        ? create(PaymentConfirmedSchema, fields)
        : create(PaymentRevertedSchema, fields);
  return {
    type,
    eventId: stableEventId(`${type}|${transfer.id}|${transfer.blockHash}`),
    streamId: paymentStreamId(transfer),
    transfer,
    session,
    confirmations,
    data: encodeEventData(type, message),
  };
}
