// Shapes the gateway answers (DESIGN.md, public contracts). Only what the pages read.

export type SessionStatus =
  | 'pending'
  | 'detected'
  | 'paid'
  | 'underpaid'
  | 'overpaid'
  | 'expired'
  | 'paid_late'
  | 'canceled';

export interface Amount {
  atomic: string;
  decimal: string;
}

export interface Asset {
  code: string;
  symbol: string;
  decimals: number;
  tokenAddress: string | null;
}

export interface Payment {
  txHash: string;
  logIndex: number | null;
  from: string;
  amount: Amount;
  blockNumber: string | number | null;
  confirmations: number;
  status: 'detected' | 'confirmed' | 'reverted';
}

export interface LineItem {
  name?: string;
  description?: string;
  quantity?: number;
  amount?: { value: string; currency: string };
  unitAmount?: { value: string; currency: string };
  price_data?: { currency: string; unit_amount: number | string; product_data?: { name?: string } };
}

export interface CheckoutSession {
  id: string;
  object: 'checkout_session';
  status: SessionStatus;
  mode: 'payment' | 'donation' | 'subscription' | string;
  checkoutUrl: string;
  address: string | null;
  chainId: number | null;
  asset: Asset | null;
  amount: Amount | null;
  amountReceived: Amount | null;
  fiat: { amount: string; currency: string } | null;
  payments: Payment[];
  confirmationsRequired: number;
  expiresAt: string;
  livemode: boolean;
  createdAt: string;
  metadata?: Record<string, string>;
  lineItems?: LineItem[];
  successUrl?: string | null;
  cancelUrl?: string | null;
  customerAddress?: string | null;
  /** Donation mode: the lowest amount the buyer may choose, when the merchant set one. */
  donation?: { minimum?: { value: string; currency: string } | null; currency?: string } | null;
  merchant?: { name?: string } | null;
}

export interface ListResponse<T> {
  object: 'list';
  data: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  last4: string;
  livemode: boolean;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'revoked' | 'expired';
  secret?: string;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  description?: string | null;
  enabledEvents: string[];
  status?: 'enabled' | 'disabled' | string;
  createdAt?: string;
  secret?: string;
}

export interface DeliveryAttempt {
  at: string;
  httpStatus: number | null;
  latencyMs: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'succeeded' | 'failed' | 'retrying';
  attempts: DeliveryAttempt[];
  nextAttemptAt: string | null;
  createdAt: string;
}

/** A fiat total as the gateway reports it: minor units and the same as a decimal. */
export interface FiatTotal {
  currency: string;
  amountMinor: string;
  amount: string;
}

export interface AnalyticsOverview {
  from: string;
  to: string;
  /** Paid volume, one entry per currency. */
  revenue: FiatTotal[];
  paymentsCount: number;
  sessionsCount: number;
  sessionsPaid: number;
  sessionsExpired: number;
  sessionsUnderpaid: number;
  /** Paid over created, a decimal string ("0.6667"). */
  conversionRate: string;
  /** Average paid amount, one entry per currency. */
  averagePayment: FiatTotal[];
  daily: { date: string; sessionsCreated: number; count: number; revenue: FiatTotal[] }[];
}

export interface EventSummary {
  id: string;
  type: string;
  created: number | string;
  data: unknown;
}

export interface Wallet {
  id: string;
  xpub: string;
  livemode: boolean;
  createdAt: string;
}

export const WEBHOOK_EVENT_TYPES = [
  'session.created',
  'session.detected',
  'session.paid',
  'session.underpaid',
  'session.overpaid',
  'session.paid_late',
  'session.expired',
  'session.canceled',
  'session.reverted',
] as const;
