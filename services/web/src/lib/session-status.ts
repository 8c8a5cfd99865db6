import type { CheckoutSession, SessionStatus } from './api-types.js';
import { atomicToDecimal } from './decimal.js';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

const LABELS: Record<SessionStatus, { label: string; tone: Tone }> = {
  pending: { label: 'Pending', tone: 'neutral' },
  detected: { label: 'Detected', tone: 'info' },
  paid: { label: 'Paid', tone: 'success' },
  overpaid: { label: 'Overpaid', tone: 'success' },
  paid_late: { label: 'Paid late', tone: 'success' },
  underpaid: { label: 'Underpaid', tone: 'warning' },
  expired: { label: 'Expired', tone: 'danger' },
  canceled: { label: 'Canceled', tone: 'danger' },
};

export function statusBadge(status: string): { label: string; tone: Tone } {
  return LABELS[status as SessionStatus] ?? { label: status, tone: 'neutral' };
}

/** The buyer is done: paid one way or another (overpaid and paid_late count as paid). */
export function isPaidStatus(status: string): boolean {
  return status === 'paid' || status === 'overpaid' || status === 'paid_late';
}

/** Nothing more will change for the buyer; stop polling. */
export function isFinalStatus(status: string): boolean {
  return isPaidStatus(status) || status === 'expired' || status === 'canceled';
}

/** The least-confirmed counted payment against the required count (what holds the session back). */
export function confirmationProgress(session: Pick<CheckoutSession, 'payments' | 'confirmationsRequired'>): {
  current: number;
  required: number;
} {
  const required = Math.max(1, session.confirmationsRequired || 1);
  const counted = (session.payments ?? []).filter((p) => p.status !== 'reverted');
  if (counted.length === 0) return { current: 0, required };
  const current = Math.min(...counted.map((p) => Math.max(0, p.confirmations)));
  return { current: Math.min(current, required), required };
}

/** What is left to pay, in atomic units and as a decimal; null when nothing is owed. */
export function remainingAmount(session: Pick<CheckoutSession, 'amount' | 'amountReceived' | 'asset'>): {
  atomic: string;
  decimal: string;
} | null {
  if (!session.amount || !session.asset) return null;
  const owed = BigInt(session.amount.atomic) - BigInt(session.amountReceived?.atomic ?? '0');
  if (owed <= 0n) return null;
  return { atomic: owed.toString(), decimal: atomicToDecimal(owed, session.asset.decimals) };
}

/** Overpayment in atomic units and decimal; null when none. */
export function excessAmount(session: Pick<CheckoutSession, 'amount' | 'amountReceived' | 'asset'>): {
  atomic: string;
  decimal: string;
} | null {
  if (!session.amount || !session.asset || !session.amountReceived) return null;
  const excess = BigInt(session.amountReceived.atomic) - BigInt(session.amount.atomic);
  if (excess <= 0n) return null;
  return { atomic: excess.toString(), decimal: atomicToDecimal(excess, session.asset.decimals) };
}
