/**
 * Every status a checkout session can be in (seed 004 plus `canceled`).
 *
 * pending    open, nothing seen on chain yet
 * detected   a payment is seen but not yet at the required depth
 * paid       confirmed payments equal the amount due
 * overpaid   confirmed payments exceed the amount due (counts as paid; no refund)
 * underpaid  confirmed payments fall short and nothing else is in flight; the buyer may top up until expiry (+ grace)
 * expired    reached expiresAt with nothing detected
 * paid_late  fully paid by payments made within the grace window after expiry
 * canceled   expired early by the merchant
 */
export const SESSION_STATUSES = [
  'pending',
  'detected',
  'paid',
  'overpaid',
  'underpaid',
  'expired',
  'paid_late',
  'canceled',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Statuses in which the merchant should fulfil the order. */
export const PAID_STATUSES: ReadonlySet<SessionStatus> = new Set(['paid', 'overpaid', 'paid_late']);

/** Statuses in which the hosted page still takes a payment. */
export const OPEN_STATUSES: ReadonlySet<SessionStatus> = new Set(['pending', 'detected', 'underpaid']);

/** Stripe's view: `status` open/complete/expired and `payment_status` paid/unpaid. */
export function stripeStatusOf(status: SessionStatus): { status: 'open' | 'complete' | 'expired'; paymentStatus: 'paid' | 'unpaid' } {
  if (PAID_STATUSES.has(status)) return { status: 'complete', paymentStatus: 'paid' };
  if (status === 'expired' || status === 'canceled') return { status: 'expired', paymentStatus: 'unpaid' };
  return { status: 'open', paymentStatus: 'unpaid' };
}
