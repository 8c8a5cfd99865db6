import { HttpClient } from './http-client.js';
import { ApiKeysResource } from './resources/api-keys.resource.js';
import { CheckoutSessionsResource } from './resources/checkout-sessions.resource.js';
import { EventsResource } from './resources/events.resource.js';
import { WebhookDeliveriesResource } from './resources/webhook-deliveries.resource.js';
import { WebhookEndpointsResource } from './resources/webhook-endpoints.resource.js';

export interface CheckoutClientOptions {
  /** A secret key, `sk_test_…` or `sk_live_…`. Keep it on your server. */
  apiKey: string;
  /** Where your OpenCheckout instance answers, e.g. `https://checkout.example.com`. */
  baseUrl: string;
  /** Per attempt. Default 30 000 ms. */
  timeoutMs?: number;
  /** Automatic retries of network errors, 409 idempotency_key_in_use, 429 and 5xx. Default 2. */
  maxRetries?: number;
  /** First backoff delay in ms, doubling with jitter. Default 500. */
  minRetryDelayMs?: number;
  /** Longest backoff delay in ms. Default 8 000. */
  maxRetryDelayMs?: number;
  /** Longest Retry-After honoured before giving up on a 429, in ms. Default 60 000. */
  maxRetryAfterMs?: number;
  /** A fetch implementation; the global one by default. */
  fetch?: typeof fetch;
}

/** The OpenCheckout API client. */
export class CheckoutClient {
  readonly checkoutSessions: CheckoutSessionsResource;
  readonly apiKeys: ApiKeysResource;
  readonly webhookEndpoints: WebhookEndpointsResource;
  readonly webhookDeliveries: WebhookDeliveriesResource;
  readonly events: EventsResource;

  constructor(options: CheckoutClientOptions) {
    if (!options.apiKey) throw new TypeError('CheckoutClient needs an apiKey.');
    let baseUrl: URL;
    try {
      baseUrl = new URL(options.baseUrl);
    } catch {
      throw new TypeError('CheckoutClient needs an absolute baseUrl, e.g. https://checkout.example.com.');
    }
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') throw new TypeError('No fetch available: pass options.fetch.');
    const http = new HttpClient({
      apiKey: options.apiKey,
      baseUrl: baseUrl.toString().replace(/\/+$/, ''),
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRetries: options.maxRetries ?? 2,
      minRetryDelayMs: options.minRetryDelayMs ?? 500,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 8_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      fetch: fetchImpl,
    });
    this.checkoutSessions = new CheckoutSessionsResource(http);
    this.apiKeys = new ApiKeysResource(http);
    this.webhookEndpoints = new WebhookEndpointsResource(http);
    this.webhookDeliveries = new WebhookDeliveriesResource(http);
    this.events = new EventsResource(http);
  }
}
