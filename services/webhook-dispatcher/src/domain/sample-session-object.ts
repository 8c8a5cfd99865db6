import type { WebhookSessionObject, WebhookSessionStatus } from './session-object.js';

const STATUS_AFTER: Record<string, WebhookSessionStatus> = {
  'session.created': 'pending',
  'session.detected': 'detected',
  'session.paid': 'paid',
  'session.underpaid': 'underpaid',
  'session.overpaid': 'overpaid',
  'session.paid_late': 'paid_late',
  'session.expired': 'expired',
  'session.canceled': 'canceled',
  'session.reverted': 'pending',
  'session.payment_received_after_close': 'paid',
  'webhook.test': 'paid',
};

/** A plausible session for a test event of `type`, marked so receivers can tell it is not real. */
export function sampleSessionObject(type: string, livemode: boolean, sessionId: string, now: Date): WebhookSessionObject {
  const status = STATUS_AFTER[type] ?? 'paid';
  const received = status === 'pending' || status === 'expired' || status === 'canceled' ? '0' : status === 'underpaid' ? '5000000' : '10000000';
  const at = now.toISOString();
  const paid = status === 'paid' || status === 'overpaid' || status === 'paid_late';
  return {
    id: sessionId,
    object: 'checkout_session',
    status,
    livemode,
    mode: 'payment',
    address: '0x000000000000000000000000000000000000dEaD',
    chainId: 1,
    asset: 'USDC',
    amount: { atomic: '10000000', decimal: '10' },
    amountReceived: { atomic: received, decimal: received === '0' ? '0' : (Number(received) / 1e6).toString() },
    fiat: { amount: '10', amountMinor: '1000', currency: 'usd' },
    lineItems: [{ name: 'Test item', description: null, quantity: 1, unitAmount: '10' }],
    metadata: { test: 'true' },
    clientReferenceId: null,
    customerEmail: null,
    successUrl: null,
    cancelUrl: null,
    subscriptionId: null,
    payments: [],
    createdAt: at,
    expiresAt: new Date(now.getTime() + 24 * 3600 * 1000).toISOString(),
    paidAt: paid ? at : null,
    closedAt: status === 'expired' || status === 'canceled' ? at : null,
    sequence: 1,
  };
}
