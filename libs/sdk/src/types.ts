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

export interface LineItem {
  name: string;
  description?: string;
  quantity: number;
  /** Unit price, decimal string in the session's fiat currency. */
  unitAmount: string;
}

export interface CreateCheckoutSessionParams {
  amount: Money;
  /** Asset symbol such as `ETH` or `USDC`; the merchant's default when absent. */
  asset?: string;
  /** Chain name or id; the merchant's default when absent. */
  chain?: string | number;
  lineItems?: LineItem[];
  metadata?: Record<string, string>;
  successUrl?: string;
  cancelUrl?: string;
  expiresInSeconds?: number;
}

export interface CheckoutSession {
  id: string;
  object: 'checkout_session';
  status: CheckoutSessionStatus;
  checkoutUrl: string;
  address: string;
  chainId: number;
  asset: string;
  /** What the buyer must send: integer atomic units (wei, token units) and the same as a decimal. */
  amount: { atomic: string; decimal: string };
  fiat: { amount: string; currency: string };
  expiresAt: string;
  livemode: boolean;
  createdAt: string;
  metadata: Record<string, string>;
  lineItems?: LineItem[];
  successUrl?: string | null;
  cancelUrl?: string | null;
}

export interface ListParams {
  limit?: number;
  startingAfter?: string;
  endingBefore?: string;
}

export interface ListCheckoutSessionsParams extends ListParams {
  status?: CheckoutSessionStatus;
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
  /** The visible start of the key, e.g. `sk_test_4f2a…`; the rest is never shown again. */
  prefix?: string;
  status: 'active' | 'revoked';
  createdAt: string;
  revokedAt?: string | null;
}

/** Only the create answer carries the full key. */
export interface ApiKeyWithSecret extends ApiKey {
  secret: string;
}

export interface CreateApiKeyParams {
  name: string;
  livemode?: boolean;
}

export interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  enabledEvents: string[];
  description?: string | null;
  status: 'enabled' | 'disabled';
  livemode: boolean;
  createdAt: string;
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
  description?: string | null;
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

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookAttempt {
  attempt: number;
  at: string;
  status?: number | null;
  latencyMs: number;
  responseExcerpt: string;
  error?: string | null;
}

export interface WebhookDelivery {
  id: string;
  object: 'webhook_delivery';
  endpointId: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: WebhookAttempt[];
  nextAttemptAt?: string | null;
  livemode: boolean;
  createdAt: string;
}

export interface ListWebhookDeliveriesParams extends ListParams {
  endpointId?: string;
  eventId?: string;
  eventType?: string;
  status?: WebhookDeliveryStatus;
}

export interface Event<T = unknown> {
  id: string;
  object: 'event';
  type: string;
  apiVersion: string;
  created: number;
  livemode: boolean;
  sequence: number;
  data: { object: T };
}

export interface ListEventsParams extends ListParams {
  type?: string;
}

export interface RequestOptions {
  /** For POSTs: reuse your own key (e.g. per order) so retries across processes cannot duplicate. */
  idempotencyKey?: string;
  timeoutMs?: number;
  maxRetries?: number;
  signal?: AbortSignal;
}
