/** Public shapes of the native OpenCheckout API (`/api/v1`). */

export type CheckoutSessionStatus =
  | 'pending'
  | 'detected'
  | 'paid'
  | 'underpaid'
  | 'overpaid'
  | 'expired'
  | 'paid_late'
  | 'canceled';

/** A fiat or crypto amount as a decimal string (never a float) with its currency. */
export interface Money {
  value: string;
  currency: string;
}

export type CheckoutSessionMode = 'payment' | 'donation' | 'subscription';

export interface Recurring {
  interval: 'day' | 'week' | 'month' | 'year';
  /** Periods between charges, 1 to 365. Default 1. */
  intervalCount?: number;
}

export interface LineItemParams {
  name: string;
  description?: string;
  quantity: number;
  /** Unit price, decimal string in the session's fiat currency. */
  unitAmount: string;
  /** Subscriptions: how often this item is charged. */
  recurring?: Recurring;
}

/** A line item as answered. */
export interface LineItem {
  name: string;
  description: string | null;
  quantity: number;
  unitAmount: string;
}

export interface CreateCheckoutSessionParams {
  /** `payment` (default), `donation` (the buyer chooses the amount) or `subscription`. */
  mode?: CheckoutSessionMode;
  /** The fiat price; required except for donations. With line items, their sum. */
  amount?: Money;
  /** Asset code such as `ETH` or `USDC`; the instance's default when absent. */
  asset?: string;
  /** Chain id such as `1` or `8453`; the instance's default when absent. */
  chain?: string | number;
  lineItems?: LineItemParams[];
  metadata?: Record<string, string>;
  successUrl?: string;
  cancelUrl?: string;
  expiresInSeconds?: number;
  clientReferenceId?: string;
  customerEmail?: string;
  donation?: { minimum?: Money };
}

/** The crypto asset a session is paid in. */
export interface PaymentAsset {
  /** Asset code, e.g. `ETH`, `USDC`. */
  code: string;
  symbol: string;
  decimals: number;
  /** The ERC-20 contract; null for the chain's native coin. */
  tokenAddress: string | null;
}

/** Integer atomic units (wei, token units) and the same as a decimal string. */
export interface CryptoAmount {
  atomic: string;
  decimal: string;
}

export interface SessionPayment {
  chainId: number;
  txHash: string;
  logIndex: number;
  from: string | null;
  amount: CryptoAmount;
  blockNumber: number | null;
  confirmations: number;
  status: 'detected' | 'confirmed' | 'reverted';
  /** Arrived after the session closed (expired or canceled). */
  afterClose: boolean;
  detectedAt: string | null;
  confirmedAt: string | null;
}

export interface CheckoutSession {
  id: string;
  object: 'checkout_session';
  status: CheckoutSessionStatus;
  mode: CheckoutSessionMode;
  /** The hosted payment page. */
  checkoutUrl: string;
  /** The pay-to address, derived for this session alone. */
  address: string;
  chainId: number | null;
  asset: PaymentAsset;
  /** What the buyer must send. */
  amount: CryptoAmount;
  amountReceived: CryptoAmount;
  fiat: { amount: string; currency: string };
  /** The rate locked at creation. */
  quote: { rate: { numerator: string; denominator: string }; source: string; quotedAt: string } | null;
  lineItems: LineItem[];
  donation: { minimum: Money } | null;
  payments: SessionPayment[];
  customerAddress: string | null;
  confirmationsRequired: number;
  successUrl: string | null;
  cancelUrl: string | null;
  clientReferenceId: string | null;
  customerEmail: string | null;
  metadata: Record<string, string>;
  /** Per-session sequence number: grows with every change, as in webhooks. */
  sequence: number;
  livemode: boolean;
  createdAt: string;
  expiresAt: string;
  paidAt: string | null;
  closedAt: string | null;
}

export interface ListParams {
  limit?: number;
  startingAfter?: string;
  endingBefore?: string;
}

export interface ListCheckoutSessionsParams extends ListParams {
  status?: CheckoutSessionStatus;
  /** Created at or after: unix seconds or an ISO 8601 date. */
  createdGte?: string | number;
  /** Created at or before: unix seconds or an ISO 8601 date. */
  createdLte?: string | number;
  clientReferenceId?: string;
}

export interface List<T> {
  object: 'list';
  data: T[];
  hasMore: boolean;
  /** Pass as `startingAfter` for the next page. */
  nextCursor?: string | null;
}

export interface ApiKey {
  id: string;
  object: 'api_key';
  name: string;
  livemode: boolean;
  /** The visible start of the key, e.g. `sk_test_4f2a`; the rest is never shown again. */
  prefix: string;
  last4: string;
  /** Empty: full access. Else entries such as `checkout_sessions:write`. */
  scopes: string[];
  status: 'active' | 'revoked' | 'expired';
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** When the gateway last accepted this key (to the minute); null when never. */
  lastUsedAt: string | null;
}

/** Only the create answer carries the full key. */
export interface ApiKeyWithSecret extends ApiKey {
  secret: string;
}

/** A key of the caller's own mode (test keys make test keys); live keys come from the operator. */
export interface CreateApiKeyParams {
  name: string;
  /** Empty or absent: full access. */
  scopes?: string[];
  /** ISO 8601; absent: never expires. */
  expiresAt?: string;
}

export interface ListApiKeysParams {
  /** Default true. */
  includeRevoked?: boolean;
}

export interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  enabledEvents: string[];
  description: string | null;
  status: 'enabled' | 'disabled';
  disabledReason: string | null;
  /** After a rotation, the old secret still signs until then. */
  previousSecretExpiresAt: string | null;
  livemode: boolean;
  createdAt: string;
  updatedAt: string | null;
}

/** Only the create and rotate answers carry the signing secret (`whsec_…`). */
export interface WebhookEndpointWithSecret extends WebhookEndpoint {
  secret: string;
}

export interface CreateWebhookEndpointParams {
  url: string;
  enabledEvents: string[];
  description?: string;
}

export interface UpdateWebhookEndpointParams {
  url?: string;
  enabledEvents?: string[];
  description?: string;
  status?: 'enabled' | 'disabled';
}

export interface RotateWebhookSecretParams {
  /** Keep signing with the old secret too for this long, so receivers can switch without dropping events. */
  expiresInSeconds?: number;
}

export interface DeletedObject {
  id: string;
  object: string;
  deleted: true;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'retrying' | 'failed';

export interface WebhookAttempt {
  attempt: number;
  at: string;
  /** The receiver's HTTP status; null when no answer came. */
  httpStatus: number | null;
  latencyMs: number;
  responseExcerpt: string;
  error: string | null;
}

export interface WebhookDelivery {
  id: string;
  object: 'webhook_delivery';
  endpointId: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  /** A test event sent from the dashboard or `sendTest`. */
  test: boolean;
  attemptCount: number;
  attempts: WebhookAttempt[];
  nextAttemptAt: string | null;
  livemode: boolean;
  createdAt: string;
}

export interface ListWebhookDeliveriesParams extends ListParams {
  endpointId?: string;
  eventId?: string;
  eventType?: string;
  status?: WebhookDeliveryStatus;
  createdGte?: string | number;
  createdLte?: string | number;
}

export interface Event<T = unknown> {
  id: string;
  object: 'event';
  type: string;
  /** Unix seconds. */
  created: number;
  livemode: boolean;
  /** The event's version within its stream (per session for session events). */
  sequence: number;
  /** The aggregate the event belongs to, e.g. a session id. */
  streamId: string;
  data: T;
}

export interface ListEventsParams extends ListParams {
  type?: string;
  /** Only this session's events. */
  sessionId?: string;
  createdGte?: string | number;
  createdLte?: string | number;
}

/** A wallet: addresses are derived from its extended public key (watch-only). */
export interface Wallet {
  id: string;
  object: 'wallet';
  chainFamily: string;
  xpub: string;
  source: 'xpub' | 'mnemonic';
  label: string | null;
  livemode: boolean;
  createdAt: string;
}

export interface RotateWebhookSecretAnswer extends WebhookEndpointWithSecret {
  previousSecretExpiresAt: string | null;
}

export interface RequestOptions {
  /** For POSTs: reuse your own key (e.g. per order) so retries across processes cannot duplicate. */
  idempotencyKey?: string;
  timeoutMs?: number;
  maxRetries?: number;
  signal?: AbortSignal;
}
