import { AdminMerchantsController, CreateMerchantDto, CreateOperatorKeyDto } from '../admin/admin-merchants.controller.js';
import { HealthController } from '../health.controller.js';
import { ApiKeysController, CreateApiKeyDto, ListApiKeysQuery } from '../merchant/api-keys.controller.js';
import { AnalyticsQuery, ExportQuery, InsightsController, ListEventsQuery } from '../merchant/insights.controller.js';
import { SubscriptionsController } from '../merchant/subscriptions.controller.js';
import { AddWalletDto, WalletsController } from '../merchant/wallets.controller.js';
import {
  CreateEndpointDto,
  ListDeliveriesQuery,
  ReplayDto,
  RotateSecretDto,
  TestEventDto,
  UpdateEndpointDto,
  WebhookEndpointsController,
} from '../merchant/webhook-endpoints.controller.js';
import { CreateNativeSessionDto, ListNativeSessionsQuery } from '../native/native-session.dto.js';
import { NativeSessionsController } from '../native/native-sessions.controller.js';
import { DonationAmountDto, PublicCheckoutController } from '../public/public-checkout.controller.js';
import { CreateStripeSessionDto, StripeListQuery } from '../stripe/stripe-session.dto.js';
import { StripeSessionsController } from '../stripe/stripe-sessions.controller.js';
import { WebController } from '../web.controller.js';
import { arrayOf, boolean, closedObject, constant, nullable, ref, string, type JsonSchema } from './json-schema.js';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';
type DtoClass = new () => object;

export interface OperationSpec {
  method: HttpMethod;
  /** OpenAPI form: `/api/v1/checkout_sessions/{id}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** Which handler serves it, so a test can tie every documented operation to a registered route. */
  controller: object;
  /** `apiKey`: a merchant's secret key; `operator`: the instance's admin token; `none`: public. */
  auth: 'apiKey' | 'operator' | 'none';
  /** The key scope the route needs (a key with `<resource>:write` may also read). */
  scope?: string;
  body?: DtoClass;
  /** Stripe's routes also take form-encoded bodies, as Stripe's SDKs send them. */
  formBody?: boolean;
  query?: DtoClass;
  /** The 2xx answer: a schema for JSON, or other media types with theirs. */
  response: JsonSchema | { content: Record<string, JsonSchema>; description: string };
  /** Errors beyond those every operation of its kind can answer. */
  errors?: number[];
  /** False for a POST that ignores Idempotency-Key. */
  idempotent?: boolean;
}

/** The list envelopes the presenters answer. */
export function nativeList(item: JsonSchema, cursor: boolean): JsonSchema {
  const properties: Record<string, JsonSchema> = { object: constant('list'), data: arrayOf(item), hasMore: boolean() };
  if (cursor) properties.nextCursor = nullable(string({ description: 'Pass as startingAfter for the next page.' }));
  return closedObject(properties);
}

function stripeList(item: JsonSchema): JsonSchema {
  return closedObject({ object: constant('list'), data: arrayOf(item), has_more: boolean(), url: string() });
}

function stripeOperations(prefix: string, idPrefix: string): OperationSpec[] {
  const tag = 'Checkout Sessions (Stripe-compatible)';
  const alias = prefix === '/v1/checkout/sessions' ? '' : ` Same as under /v1/checkout/sessions.`;
  return [
    {
      method: 'post',
      path: prefix,
      operationId: `${idPrefix}CreateCheckoutSession`,
      tag,
      summary: 'Create a checkout session (Stripe shape)',
      description: `Stripe's Checkout Session create parameters that apply to crypto checkout; JSON or form-encoded.${alias}`,
      controller: StripeSessionsController,
      auth: 'apiKey',
      scope: 'checkout_sessions:write',
      body: CreateStripeSessionDto,
      formBody: true,
      response: ref('StripeCheckoutSession'),
      errors: [409],
    },
    {
      method: 'get',
      path: prefix,
      operationId: `${idPrefix}ListCheckoutSessions`,
      tag,
      summary: 'List checkout sessions (Stripe shape)',
      controller: StripeSessionsController,
      auth: 'apiKey',
      scope: 'checkout_sessions:read',
      query: StripeListQuery,
      response: stripeList(ref('StripeCheckoutSession')),
    },
    {
      method: 'get',
      path: `${prefix}/{id}`,
      operationId: `${idPrefix}RetrieveCheckoutSession`,
      tag,
      summary: 'Retrieve a checkout session (Stripe shape)',
      controller: StripeSessionsController,
      auth: 'apiKey',
      scope: 'checkout_sessions:read',
      response: ref('StripeCheckoutSession'),
      errors: [404],
    },
    {
      method: 'get',
      path: `${prefix}/{id}/line_items`,
      operationId: `${idPrefix}ListCheckoutSessionLineItems`,
      tag,
      summary: "List a checkout session's line items",
      controller: StripeSessionsController,
      auth: 'apiKey',
      scope: 'checkout_sessions:read',
      response: ref('StripeLineItemList'),
      errors: [404],
    },
    {
      method: 'post',
      path: `${prefix}/{id}/expire`,
      operationId: `${idPrefix}ExpireCheckoutSession`,
      tag,
      summary: 'Expire an open checkout session (Stripe shape)',
      controller: StripeSessionsController,
      auth: 'apiKey',
      scope: 'checkout_sessions:write',
      response: ref('StripeCheckoutSession'),
      errors: [404, 409],
    },
  ];
}

const SESSIONS = 'Checkout Sessions';
const KEYS = 'API Keys';
const WALLETS = 'Wallets';
const WEBHOOKS = 'Webhooks';
const INSIGHTS = 'Events and Analytics';
const PUBLIC = 'Hosted Checkout';
const ADMIN = 'Operator';
const SYSTEM = 'System';

/** Every route the gateway serves, with what it takes and answers. */
export function operations(docsController: object): OperationSpec[] {
  return [
    // Native Checkout Sessions (seed 004).
    {
      method: 'post',
      path: '/api/v1/checkout_sessions',
      operationId: 'createCheckoutSession',
      tag: SESSIONS,
      summary: 'Create a checkout session',
      description:
        'The fiat amount is priced into the chosen asset at creation; the answer carries the fresh address, the crypto amount and the hosted page URL.',
      controller: NativeSessionsController,
      auth: 'apiKey',
      scope: 'checkout_sessions:write',
      body: CreateNativeSessionDto,
      response: ref('CheckoutSession'),
      errors: [409],
    },
    {
      method: 'get',
      path: '/api/v1/checkout_sessions',
      operationId: 'listCheckoutSessions',
      tag: SESSIONS,
      summary: 'List checkout sessions, newest first',
      description: 'Cursor pagination: startingAfter / endingBefore take a session id. Query names are accepted in camelCase or snake_case; created[gte] / created[lte] also work.',
      controller: NativeSessionsController,
      auth: 'apiKey',
      scope: 'checkout_sessions:read',
      query: ListNativeSessionsQuery,
      response: nativeList(ref('CheckoutSession'), true),
    },
    {
      method: 'get',
      path: '/api/v1/checkout_sessions/{id}',
      operationId: 'retrieveCheckoutSession',
      tag: SESSIONS,
      summary: 'Retrieve a checkout session',
      controller: NativeSessionsController,
      auth: 'apiKey',
      scope: 'checkout_sessions:read',
      response: ref('CheckoutSession'),
      errors: [404],
    },
    {
      method: 'post',
      path: '/api/v1/checkout_sessions/{id}/expire',
      operationId: 'expireCheckoutSession',
      tag: SESSIONS,
      summary: 'Expire (cancel) a pending checkout session',
      description: 'The session becomes `canceled`; a payment arriving afterwards is recorded as late.',
      controller: NativeSessionsController,
      auth: 'apiKey',
      scope: 'checkout_sessions:write',
      response: ref('CheckoutSession'),
      errors: [404, 409],
    },
    {
      method: 'get',
      path: '/api/v1/checkout_sessions/export',
      operationId: 'exportCheckoutSessions',
      tag: SESSIONS,
      summary: 'Export checkout sessions as CSV or JSON',
      controller: InsightsController,
      auth: 'apiKey',
      scope: 'checkout_sessions:read',
      query: ExportQuery,
      response: {
        description: 'A file download (Content-Disposition: attachment).',
        content: {
          'text/csv': string({ description: 'One row per session, with a header row.' }),
          'application/json': arrayOf({ type: 'object' }, { description: 'One object per session.' }),
        },
      },
    },
    {
      method: 'post',
      path: '/api/v1/subscriptions/{id}/cancel',
      operationId: 'cancelSubscription',
      tag: SESSIONS,
      summary: 'Cancel a subscription: no further periods are issued',
      controller: SubscriptionsController,
      auth: 'apiKey',
      scope: 'checkout_sessions:write',
      response: ref('CanceledSubscription'),
      errors: [404, 409],
    },
    ...stripeOperations('/v1/checkout/sessions', 'stripe'),
    ...stripeOperations('/api/checkout/sessions', 'stripeApi'),

    // API keys.
    {
      method: 'post',
      path: '/api/v1/api_keys',
      operationId: 'createApiKey',
      tag: KEYS,
      summary: 'Create an API key of the calling key’s mode',
      description: 'The full key appears in this answer only. Test keys make test keys, live keys make live keys.',
      controller: ApiKeysController,
      auth: 'apiKey',
      scope: 'api_keys:write',
      body: CreateApiKeyDto,
      response: ref('ApiKeyWithSecret'),
    },
    {
      method: 'get',
      path: '/api/v1/api_keys',
      operationId: 'listApiKeys',
      tag: KEYS,
      summary: 'List API keys (never their secrets)',
      controller: ApiKeysController,
      auth: 'apiKey',
      scope: 'api_keys:read',
      query: ListApiKeysQuery,
      response: nativeList(ref('ApiKey'), false),
    },
    {
      method: 'post',
      path: '/api/v1/api_keys/{id}/revoke',
      operationId: 'revokeApiKey',
      tag: KEYS,
      summary: 'Revoke an API key',
      description: 'Answers once this gateway refuses the key.',
      controller: ApiKeysController,
      auth: 'apiKey',
      scope: 'api_keys:write',
      response: ref('ApiKey'),
      errors: [404],
    },

    // Wallets.
    {
      method: 'post',
      path: '/api/v1/wallets',
      operationId: 'addWallet',
      tag: WALLETS,
      summary: 'Add a watch-only wallet (an xpub, or a mnemonic stored encrypted)',
      description: 'Give exactly one of xpub or mnemonic. Session addresses are derived from the extended public key.',
      controller: WalletsController,
      auth: 'apiKey',
      scope: 'wallets:write',
      body: AddWalletDto,
      response: ref('Wallet'),
    },
    {
      method: 'get',
      path: '/api/v1/wallets',
      operationId: 'listWallets',
      tag: WALLETS,
      summary: 'List wallets',
      controller: WalletsController,
      auth: 'apiKey',
      scope: 'wallets:read',
      response: nativeList(ref('Wallet'), false),
    },
    {
      method: 'delete',
      path: '/api/v1/wallets/{id}',
      operationId: 'removeWallet',
      tag: WALLETS,
      summary: 'Remove a wallet',
      controller: WalletsController,
      auth: 'apiKey',
      scope: 'wallets:write',
      response: ref('DeletedWallet'),
      errors: [404],
    },

    // Webhook endpoints and deliveries.
    {
      method: 'post',
      path: '/api/v1/webhook_endpoints',
      operationId: 'createWebhookEndpoint',
      tag: WEBHOOKS,
      summary: 'Create a webhook endpoint',
      description: 'The signing secret appears in this answer only. At most 5 endpoints per merchant by default.',
      controller: WebhookEndpointsController,
      auth: 'apiKey',
      scope: 'webhooks:write',
      body: CreateEndpointDto,
      response: ref('WebhookEndpointWithSecret'),
      errors: [409],
    },
    {
      method: 'get',
      path: '/api/v1/webhook_endpoints',
      operationId: 'listWebhookEndpoints',
      tag: WEBHOOKS,
      summary: 'List webhook endpoints',
      controller: WebhookEndpointsController,
      auth: 'apiKey',
      scope: 'webhooks:read',
      response: nativeList(ref('WebhookEndpoint'), false),
    },
    {
      method: 'get',
      path: '/api/v1/webhook_endpoints/{id}',
      operationId: 'retrieveWebhookEndpoint',
      tag: WEBHOOKS,
      summary: 'Retrieve a webhook endpoint',
      controller: WebhookEndpointsController,
      auth: 'apiKey',
      scope: 'webhooks:read',
      response: ref('WebhookEndpoint'),
      errors: [404],
    },
    {
      method: 'patch',
      path: '/api/v1/webhook_endpoints/{id}',
      operationId: 'updateWebhookEndpoint',
      tag: WEBHOOKS,
      summary: 'Update a webhook endpoint (url, description, events, enabled/disabled)',
      controller: WebhookEndpointsController,
      auth: 'apiKey',
      scope: 'webhooks:write',
      body: UpdateEndpointDto,
      response: ref('WebhookEndpoint'),
      errors: [404],
    },
    {
      method: 'delete',
      path: '/api/v1/webhook_endpoints/{id}',
      operationId: 'deleteWebhookEndpoint',
      tag: WEBHOOKS,
      summary: 'Delete a webhook endpoint',
      controller: WebhookEndpointsController,
      auth: 'apiKey',
      scope: 'webhooks:write',
      response: ref('DeletedWebhookEndpoint'),
      errors: [404],
    },
    {
      method: 'post',
      path: '/api/v1/webhook_endpoints/{id}/rotate_secret',
      operationId: 'rotateWebhookEndpointSecret',
      tag: WEBHOOKS,
      summary: 'Rotate the signing secret',
      description: 'The new secret appears in this answer only; the previous one keeps signing for expiresInSeconds (0: stops now).',
      controller: WebhookEndpointsController,
      auth: 'apiKey',
      scope: 'webhooks:write',
      body: RotateSecretDto,
      response: ref('WebhookEndpointWithSecret'),
      errors: [404],
    },
    {
      method: 'post',
      path: '/api/v1/webhook_endpoints/{id}/test',
      operationId: 'sendTestWebhookEvent',
      tag: WEBHOOKS,
      summary: 'Send a test event to the endpoint',
      controller: WebhookEndpointsController,
      auth: 'apiKey',
      scope: 'webhooks:write',
      body: TestEventDto,
      response: ref('WebhookDelivery'),
      errors: [404],
    },
    {
      method: 'post',
      path: '/api/v1/webhook_endpoints/{id}/replay',
      operationId: 'replayWebhookEvents',
      tag: WEBHOOKS,
      summary: 'Deliver past events again (from `since`, optionally of some types)',
      controller: WebhookEndpointsController,
      auth: 'apiKey',
      scope: 'webhooks:write',
      body: ReplayDto,
      response: ref('WebhookReplay'),
      errors: [404],
    },
    {
      method: 'get',
      path: '/api/v1/webhook_deliveries',
      operationId: 'listWebhookDeliveries',
      tag: WEBHOOKS,
      summary: 'List webhook deliveries with their attempts, newest first',
      controller: WebhookEndpointsController,
      auth: 'apiKey',
      scope: 'webhooks:read',
      query: ListDeliveriesQuery,
      response: nativeList(ref('WebhookDelivery'), true),
    },
    {
      method: 'post',
      path: '/api/v1/webhook_deliveries/{id}/retry',
      operationId: 'retryWebhookDelivery',
      tag: WEBHOOKS,
      summary: 'Retry a delivery now',
      controller: WebhookEndpointsController,
      auth: 'apiKey',
      scope: 'webhooks:write',
      response: ref('WebhookDelivery'),
      errors: [404, 409],
    },

    // Events and analytics.
    {
      method: 'get',
      path: '/api/v1/events',
      operationId: 'listEvents',
      tag: INSIGHTS,
      summary: "The merchant's events, newest first",
      controller: InsightsController,
      auth: 'apiKey',
      scope: 'analytics:read',
      query: ListEventsQuery,
      response: nativeList(ref('Event'), true),
    },
    {
      method: 'get',
      path: '/api/v1/analytics/overview',
      operationId: 'analyticsOverview',
      tag: INSIGHTS,
      summary: 'Sessions, payments, conversion and volume over a period (default: the last 30 days)',
      description: '`from` and `to` take unix seconds or an ISO 8601 date.',
      controller: InsightsController,
      auth: 'apiKey',
      scope: 'analytics:read',
      query: AnalyticsQuery,
      response: ref('AnalyticsOverview'),
    },

    // The hosted checkout page's API.
    {
      method: 'get',
      path: '/api/public/checkout_sessions/{id}',
      operationId: 'retrievePublicCheckoutSession',
      tag: PUBLIC,
      summary: "The buyer's view of a session (no key: the id is unguessable)",
      controller: PublicCheckoutController,
      auth: 'none',
      response: ref('PublicCheckoutSession'),
      errors: [404],
    },
    {
      method: 'post',
      path: '/api/public/checkout_sessions/{id}/donation_amount',
      operationId: 'chooseDonationAmount',
      tag: PUBLIC,
      summary: 'Donation mode: the buyer sets the amount (at or above the minimum) before paying',
      description: 'Priced at the session\'s locked quote; the answer carries the new crypto amount.',
      controller: PublicCheckoutController,
      auth: 'none',
      body: DonationAmountDto,
      response: ref('PublicCheckoutSession'),
      errors: [404, 409],
    },
    {
      method: 'get',
      path: '/api/public/checkout_sessions/{id}/stream',
      operationId: 'streamPublicCheckoutSession',
      tag: PUBLIC,
      summary: 'Server-sent events: the session again whenever it changes',
      controller: PublicCheckoutController,
      auth: 'none',
      response: {
        description: 'An event stream; each `session` event carries a PublicCheckoutSession as JSON.',
        content: {
          'text/event-stream': string({
            examples: ['event: session\ndata: {"id":"cs_test_…","status":"pending",…}\n\n'],
          }),
        },
      },
      errors: [404],
    },

    // Operator of the instance.
    {
      method: 'post',
      path: '/api/admin/merchants',
      operationId: 'createMerchant',
      tag: ADMIN,
      summary: 'Create a merchant and its first test key',
      controller: AdminMerchantsController,
      auth: 'operator',
      body: CreateMerchantDto,
      response: ref('CreatedMerchant'),
    },
    {
      method: 'post',
      path: '/api/admin/merchants/{id}/api_keys',
      operationId: 'createMerchantApiKey',
      tag: ADMIN,
      summary: "Issue a merchant's API key of either mode (how a merchant gets a live key)",
      controller: AdminMerchantsController,
      auth: 'operator',
      body: CreateOperatorKeyDto,
      response: ref('ApiKeyWithSecret'),
      idempotent: false,
      errors: [404],
    },

    // Health, pages, and this document.
    {
      method: 'get',
      path: '/healthz',
      operationId: 'healthz',
      tag: SYSTEM,
      summary: 'Liveness',
      controller: HealthController,
      auth: 'none',
      response: closedObject({ ok: boolean({ const: true }) }),
    },
    {
      method: 'get',
      path: '/readyz',
      operationId: 'readyz',
      tag: SYSTEM,
      summary: 'Readiness: every service answers and the API key projection caught up (503 when not)',
      controller: HealthController,
      auth: 'none',
      response: closedObject({ ready: boolean(), checks: { type: 'object', additionalProperties: { type: 'string', enum: ['ok', 'unavailable', 'catching_up'] } } }),
    },
    {
      method: 'get',
      path: '/metrics',
      operationId: 'metrics',
      tag: SYSTEM,
      summary: 'Prometheus metrics',
      controller: HealthController,
      auth: 'none',
      response: { description: 'Prometheus text exposition format.', content: { 'text/plain': string() } },
    },
    {
      method: 'get',
      path: '/dashboard',
      operationId: 'dashboardPage',
      tag: SYSTEM,
      summary: 'The dashboard (single-page app)',
      controller: WebController,
      auth: 'none',
      response: { description: 'The web app.', content: { 'text/html': string() } },
    },
    {
      method: 'get',
      path: '/dashboard/{path}',
      operationId: 'dashboardSubPage',
      tag: SYSTEM,
      summary: 'A dashboard route (the same single-page app)',
      controller: WebController,
      auth: 'none',
      response: { description: 'The web app.', content: { 'text/html': string() } },
    },
    {
      method: 'get',
      path: '/checkout/{id}',
      operationId: 'checkoutPage',
      tag: SYSTEM,
      summary: 'The hosted payment page for a session',
      controller: WebController,
      auth: 'none',
      response: { description: 'The web app.', content: { 'text/html': string() } },
    },
    {
      method: 'get',
      path: '/api/openapi.json',
      operationId: 'openApiDocument',
      tag: SYSTEM,
      summary: 'This document (OpenAPI 3.1)',
      controller: docsController,
      auth: 'none',
      response: { type: 'object', description: 'An OpenAPI 3.1 document.' },
    },
    {
      method: 'get',
      path: '/api/docs',
      operationId: 'apiDocsPage',
      tag: SYSTEM,
      summary: 'The API reference for humans, rendered from this document',
      controller: docsController,
      auth: 'none',
      response: { description: 'An HTML page; no external resources.', content: { 'text/html': string() } },
    },
    {
      method: 'get',
      path: '/api/docs/{asset}',
      operationId: 'apiDocsAsset',
      tag: SYSTEM,
      summary: "The docs page's script and style sheet",
      controller: docsController,
      auth: 'none',
      response: { description: 'A static file.', content: { 'application/javascript': string(), 'text/css': string() } },
      errors: [404],
    },
  ];
}
