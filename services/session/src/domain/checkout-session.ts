import type { SessionStatus } from './session-status.js';

/** One on-chain transfer as the session counts it. */
export interface CountedPayment {
  /** `<chainId>:<txHash>:<logIndex>`: unique per transfer. */
  key: string;
  chainId: number;
  txHash: string;
  logIndex: number;
  from: string;
  amount: bigint;
  blockNumber: number;
  confirmations: number;
  state: 'detected' | 'confirmed' | 'reverted';
  /** Made after expiresAt but within the grace window. */
  late: boolean;
  /** Arrived after the session closed; recorded, never counted. */
  afterClose: boolean;
}

/** The CheckoutSession aggregate's state, folded from its events by `evolve`. */
export interface CheckoutSession {
  id: string;
  merchantId: string;
  livemode: boolean;
  status: SessionStatus;
  /** Atomic units the buyer owes; in donation mode the minimum (0 when none). */
  amountDue: bigint;
  donation: boolean;
  /** Donation mode: the least the buyer may give, in atomic units, at the locked quote. */
  minimumDue: bigint;
  /** Subscription mode: which subscription and period this session pays ('' and 0 otherwise). */
  subscriptionId: string;
  subscriptionPeriod: number;
  subscriptionCanceled: boolean;
  /** The next period's session was issued from this one. */
  renewed: boolean;
  expiresAt: number;
  lateGraceMs: number;
  confirmationsRequired: number;
  payments: Map<string, CountedPayment>;
  /** The stream version reached: the per-session sequence number of the last event. */
  version: number;
}

export function paymentKey(chainId: number, txHash: string, logIndex: number): string {
  return `${chainId}:${txHash.toLowerCase()}:${logIndex}`;
}

/** Sums of what counts toward the session: confirmed, and seen but still waiting for depth. */
export function tally(session: CheckoutSession): { confirmed: bigint; inFlight: bigint; received: bigint; anyLate: boolean } {
  let confirmed = 0n;
  let inFlight = 0n;
  let anyLate = false;
  for (const payment of session.payments.values()) {
    if (payment.afterClose || payment.state === 'reverted') continue;
    if (payment.state === 'confirmed') confirmed += payment.amount;
    else inFlight += payment.amount;
    if (payment.late) anyLate = true;
  }
  return { confirmed, inFlight, received: confirmed + inFlight, anyLate };
}

/**
 * The status the counted payments settle on, given the time. This is the one
 * rule for paid / overpaid / paid_late / underpaid / detected / pending.
 */
export function settledStatus(session: CheckoutSession, now: number): SessionStatus {
  const { confirmed, inFlight, anyLate } = tally(session);
  const due = session.amountDue;
  const fullyPaid = session.donation ? confirmed > 0n && confirmed >= due : confirmed >= due;
  if (fullyPaid) {
    if (anyLate) return 'paid_late';
    return !session.donation && confirmed > due ? 'overpaid' : 'paid';
  }
  if (inFlight > 0n) return 'detected';
  if (confirmed > 0n) return 'underpaid';
  return now >= session.expiresAt ? 'expired' : 'pending';
}
