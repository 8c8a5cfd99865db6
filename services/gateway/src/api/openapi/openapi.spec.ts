import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { create } from '@bufbuild/protobuf';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  ApiKeyViewSchema,
  CheckoutSessionViewSchema,
  PaymentStatus,
  RecurringInterval,
  SessionMode,
  SessionStatus,
  WebhookDeliveryStatus,
  WebhookDeliveryViewSchema,
  WebhookEndpointStatus,
  WebhookEndpointViewSchema,
} from '@opencheckout/contracts';
import { validateDto } from '@opencheckout/nest-kit';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { GatewayApp } from '../../gateway-app.js';
import { GatewayModule } from '../../gateway.module.js';
import { presentApiKey } from '../merchant/api-key.presenter.js';
import { presentDelivery, presentEndpoint } from '../merchant/webhook.presenter.js';
import { CreateNativeSessionDto } from '../native/native-session.dto.js';
import { presentNativeSession } from '../native/native-session.presenter.js';
import { presentPublicSession } from '../public/public-checkout.controller.js';
import { CreateStripeSessionDto } from '../stripe/stripe-session.dto.js';
import { presentStripeLineItems, presentStripeSession } from '../stripe/stripe-session.presenter.js';
import { LIMITS } from '../validators.js';
import type { JsonSchema } from './json-schema.js';
import type { OpenApiDocument } from './openapi-document.js';
import { OpenApiController } from './openapi.controller.js';

type Json = unknown;

/**
 * A small JSON Schema checker for the keywords the document uses, resolving
 * `#/components/schemas/…` against the document. Returns the first problem, or null.
 */
function check(schema: JsonSchema, value: Json, doc: OpenApiDocument, at = '$'): string | null {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = (doc.components as { schemas: Record<string, JsonSchema> }).schemas[name];
    if (target === undefined) return `${at}: unresolved ${schema.$ref}`;
    return check(target, value, doc, at);
  }
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
    const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[];
    const passing = options.filter((option) => check(option, value, doc, at) === null).length;
    if (Array.isArray(schema.oneOf) ? passing !== 1 : passing === 0) return `${at}: matches ${passing} of its alternatives`;
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const actual =
      value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
    const ok = types.some((type) => type === actual || (type === 'number' && actual === 'integer'));
    if (!ok) return `${at}: ${JSON.stringify(value)} is not ${types.join('|')}`;
  }
  if ('const' in schema && value !== schema.const) return `${at}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return `${at}: ${JSON.stringify(value)} not in enum`;
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) return `${at}: "${value}" breaks ${schema.pattern}`;
    if (typeof schema.maxLength === 'number' && [...value].length > schema.maxLength) return `${at}: longer than ${schema.maxLength}`;
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) return `${at}: shorter than ${schema.minLength}`;
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return `${at}: below ${schema.minimum}`;
    if (typeof schema.maximum === 'number' && value > schema.maximum) return `${at}: above ${schema.maximum}`;
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return `${at}: more than ${schema.maxItems} items`;
    if (schema.items !== undefined) {
      for (const [index, item] of value.entries()) {
        const problem = check(schema.items as JsonSchema, item, doc, `${at}[${index}]`);
        if (problem) return problem;
      }
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value);
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in value)) return `${at}: missing ${key}`;
    if (typeof schema.maxProperties === 'number' && entries.length > schema.maxProperties) return `${at}: more than ${schema.maxProperties} properties`;
    for (const [key, item] of entries) {
      if (schema.propertyNames !== undefined) {
        const problem = check(schema.propertyNames as JsonSchema, key, doc, `${at} key ${key}`);
        if (problem) return problem;
      }
      const own = properties[key];
      if (own !== undefined) {
        const problem = check(own, item, doc, `${at}.${key}`);
        if (problem) return problem;
      } else if (schema.additionalProperties === false) {
        return `${at}: unexpected property ${key}`;
      } else if (typeof schema.additionalProperties === 'object') {
        const problem = check(schema.additionalProperties as JsonSchema, item, doc, `${at}.${key}`);
        if (problem) return problem;
      }
    }
  }
  return null;
}

const fakeApp = {
  config: { RATE_LIMIT_PER_SECOND: 100, GATEWAY_READY_SERVICES: [], WEB_BUILD_DIR: '/nonexistent-web-build' },
  close: async () => undefined,
} as unknown as GatewayApp;

/** Fastify's route syntax in OpenAPI's: `:id` → `{id}`, a trailing wildcard → `{path}`. */
function openApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}').replace(/\/\*\w*$/, '/{path}');
}

describe('OpenAPI document', () => {
  let http: NestFastifyApplication;
  let doc: OpenApiDocument;
  const registered = new Set<string>();

  beforeAll(async () => {
    const adapter = new FastifyAdapter();
    adapter.getInstance().addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      // Fastify adds HEAD beside every GET on its own.
      for (const method of methods) if (method !== 'HEAD' && method !== 'OPTIONS') registered.add(`${method} ${openApiPath(route.url)}`);
    });
    http = await NestFactory.create<NestFastifyApplication>(GatewayModule.forApp(fakeApp), adapter, { logger: false });
    await http.init();
    await http.getHttpAdapter().getInstance().ready();
    // Through JSON, as a client receives it.
    doc = JSON.parse(JSON.stringify(http.get(OpenApiController).openApi())) as OpenApiDocument;
  });

  afterAll(async () => {
    await http?.close();
  });

  const schema = (name: string) => (doc.components as { schemas: Record<string, JsonSchema> }).schemas[name]!;
  const property = (name: string, key: string) => (schema(name).properties as Record<string, JsonSchema>)[key]!;

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('every $ref points at a component that exists', () => {
    const refs = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === 'object' && node !== null) {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref') refs.add(value as string);
          else walk(value);
        }
      }
    };
    walk(doc);
    expect(refs.size).toBeGreaterThan(20);
    for (const pointer of refs) {
      const target = pointer
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
      expect({ pointer, found: target !== undefined }).toEqual({ pointer, found: true });
    }
  });

  it('documents every route the gateway registers, and no route it does not', () => {
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)),
    );
    expect(registered.size).toBeGreaterThan(40);
    expect([...registered].filter((route) => !documented.has(route)).sort()).toEqual([]);
    expect([...documented].filter((route) => !registered.has(route)).sort()).toEqual([]);
  });

  it('states the bearer auth, the Idempotency-Key header on POSTs and the error object on every API operation', () => {
    const schemes = (doc.components as { securitySchemes: Record<string, JsonSchema> }).securitySchemes;
    expect(schemes.secretKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const create = doc.paths['/api/v1/checkout_sessions']!.post!;
    expect(create.security).toEqual([{ secretKey: [] }]);
    expect(doc.paths['/api/admin/merchants']!.post!.security).toEqual([{ operatorToken: [] }]);
    expect(doc.paths['/api/public/checkout_sessions/{id}']!.get!.security).toEqual([]);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const security = operation.security as unknown[];
        if (method === 'post' && security.length > 0 && operation.operationId !== 'createMerchantApiKey') {
          expect({ path, parameters: operation.parameters }).toMatchObject({
            path,
            parameters: expect.arrayContaining([{ $ref: '#/components/parameters/IdempotencyKey' }]),
          });
        }
        if (security.length > 0) {
          const responses = operation.responses as Record<string, JsonSchema>;
          expect({ path, method, has401: '401' in responses, has400: '400' in responses }).toEqual({ path, method, has401: true, has400: true });
        }
      }
    }
    const responses = (doc.components as { responses: Record<string, { content: Record<string, { schema: JsonSchema }> }> }).responses;
    expect(responses.TooManyRequests!.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/Error' });
    const error = schema('Error');
    expect(check(error, { error: { type: 'invalid_request_error', code: 'parameter_invalid', message: 'Invalid amount', param: 'amount' } }, doc)).toBeNull();
    expect(check(error, { error: { type: 'nonsense', code: 'x', message: 'y' } }, doc)).not.toBeNull();
  });

  it('carries the create-session DTO constraints (metadata limits, amount pattern, line item limits)', () => {
    const native = doc.paths['/api/v1/checkout_sessions']!.post!.requestBody as { content: Record<string, { schema: JsonSchema }> };
    expect(native.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/CreateNativeSessionDto' });
    const metadata = property('CreateNativeSessionDto', 'metadata');
    expect(metadata).toMatchObject({
      type: 'object',
      maxProperties: LIMITS.metadataKeys,
      propertyNames: { maxLength: LIMITS.metadataKeyLength },
      additionalProperties: { type: 'string', maxLength: LIMITS.metadataValueLength },
    });
    expect(property('MoneyDto', 'value').pattern).toBe('^\\d{1,15}(\\.\\d{1,18})?$');
    expect(schema('MoneyDto').required).toEqual(expect.arrayContaining(['value', 'currency']));
    expect(property('CreateNativeSessionDto', 'lineItems')).toMatchObject({ type: 'array', maxItems: LIMITS.lineItems });
    expect(property('CreateNativeSessionDto', 'successUrl')).toMatchObject({ format: 'uri', maxLength: LIMITS.urlLength });

    const stripe = doc.paths['/v1/checkout/sessions']!.post!.requestBody as { content: Record<string, { schema: JsonSchema }> };
    expect(Object.keys(stripe.content).sort()).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    expect(schema('CreateStripeSessionDto').required).toEqual(['line_items']);
    expect(property('StripePriceDataDto', 'unit_amount')).toMatchObject({ type: 'integer', minimum: 0, maximum: Number(LIMITS.maxAmountMinor) });
    expect(property('StripeLineItemDto', 'quantity')).toMatchObject({ type: 'integer', minimum: 1, maximum: LIMITS.quantity });
    expect(property('CreateStripeSessionDto', 'metadata')).toEqual(metadata);
  });

  it('agrees with the gateway validation on sample create bodies', () => {
    const manyKeys = Object.fromEntries(Array.from({ length: LIMITS.metadataKeys + 1 }, (_, i) => [`k${i}`, 'v']));
    const native: Record<string, unknown>[] = [
      { amount: { value: '50.00', currency: 'USD' }, metadata: { order: '42' } },
      { amount: { value: '50.00', currency: 'USD' }, metadata: manyKeys },
      { amount: { value: '50.00', currency: 'USD' }, metadata: { order: 'x'.repeat(LIMITS.metadataValueLength + 1) } },
      { amount: { value: '50.00', currency: 'USD' }, metadata: { ['k'.repeat(LIMITS.metadataKeyLength + 1)]: 'v' } },
      { amount: { value: '-5', currency: 'USD' } },
      { amount: { value: '5e3', currency: 'USD' } },
      { amount: { value: '5', currency: 'DOLLARS' } },
      { amount: { value: '5', currency: 'USD' }, unknownField: true },
      { amount: { value: '5', currency: 'USD' }, lineItems: [{ name: 'Tee', quantity: 0, unitAmount: '5' }] },
      { amount: { value: '5', currency: 'USD' }, lineItems: [{ name: 'Tee', quantity: 1, unitAmount: '5' }], expiresInSeconds: 600 },
    ];
    const stripe: Record<string, unknown>[] = [
      { line_items: [{ price_data: { currency: 'usd', product_data: { name: 'Tee' }, unit_amount: 2000 }, quantity: 1 }] },
      { line_items: [{ price_data: { currency: 'usd', product_data: { name: 'Tee' }, unit_amount: -1 }, quantity: 1 }] },
      { line_items: [{ price_data: { currency: 'usd', product_data: { name: 'Tee' }, unit_amount: 2000 }, quantity: LIMITS.quantity + 1 }] },
      { line_items: [], metadata: manyKeys },
      { success_url: 'https://example.com/done' },
    ];
    const verdicts = (cls: new () => object, bodies: Record<string, unknown>[]) =>
      bodies.map((body) => {
        let accepted = true;
        try {
          validateDto(cls, body);
        } catch {
          accepted = false;
        }
        const problem = check(schema(cls.name), body, doc);
        return { body: JSON.stringify(body).slice(0, 120), accepted, schemaAccepts: problem === null };
      });
    for (const verdict of [...verdicts(CreateNativeSessionDto, native), ...verdicts(CreateStripeSessionDto, stripe)]) {
      expect(verdict.schemaAccepts).toBe(verdict.accepted);
    }
    // Both kinds of verdict occur, so the agreement above says something.
    const all = verdicts(CreateNativeSessionDto, native).map((verdict) => verdict.accepted);
    expect(all).toContain(true);
    expect(all).toContain(false);
  });

  describe('response schemas match what the presenters answer', () => {
    const full = create(CheckoutSessionViewSchema, {
      sessionId: 'cs_test_01JD3ZJ5V9Q8X7W6T5S4R3P2N1',
      merchantId: 'mer_1',
      livemode: false,
      mode: SessionMode.PAYMENT,
      status: SessionStatus.PAID,
      fiat: { amountMinor: '5000', currency: 'usd' },
      lineItems: [
        { name: 'Tee', description: 'Cotton', unitAmountMinor: '2500', quantity: 2, currency: 'usd', recurring: { interval: RecurringInterval.MONTH, intervalCount: 1 } },
      ],
      asset: { chainId: 31337, assetCode: 'USDC', symbol: 'USDC', decimals: 6, tokenAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3' },
      amountDueAtomic: '50000000',
      amountReceivedAtomic: '50000000',
      quote: { rateNumerator: '1000000', rateDenominator: '100', source: 'fixed', quotedAt: '2026-01-01T00:00:00.000Z' },
      payToAddress: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      payments: [
        {
          chainId: 31337,
          txHash: '0xabc',
          logIndex: 0,
          blockNumber: 12n,
          from: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
          amountAtomic: '50000000',
          confirmations: 3,
          status: PaymentStatus.CONFIRMED,
          detectedAt: '2026-01-01T00:01:00.000Z',
          confirmedAt: '2026-01-01T00:02:00.000Z',
        },
      ],
      checkoutUrl: 'http://localhost:3000/checkout/cs_test_01JD3ZJ5V9Q8X7W6T5S4R3P2N1',
      successUrl: 'https://shop.example/done',
      cancelUrl: 'https://shop.example/cancel',
      metadata: { order: '42' },
      clientReferenceId: 'ref-1',
      customerEmail: 'buyer@example.com',
      donation: { minimumAmountMinor: '100' },
      confirmationsRequired: 3,
      subscriptionId: 'sub_1',
      subscriptionPeriod: 2,
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-02T00:00:00.000Z',
      paidAt: '2026-01-01T00:02:00.000Z',
      sequence: 4,
    });
    const empty = create(CheckoutSessionViewSchema, {
      sessionId: 'cs_live_01JD3ZJ5V9Q8X7W6T5S4R3P2N1',
      status: SessionStatus.PENDING,
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-02T00:00:00.000Z',
    });

    const cases: [string, string, () => unknown][] = [
      ['native, full', 'CheckoutSession', () => presentNativeSession(full)],
      ['native, empty', 'CheckoutSession', () => presentNativeSession(empty)],
      ['public, full', 'PublicCheckoutSession', () => presentPublicSession(full)],
      ['public, empty', 'PublicCheckoutSession', () => presentPublicSession(empty)],
      ['stripe, full', 'StripeCheckoutSession', () => presentStripeSession(full, Date.parse('2026-01-01T12:00:00Z'))],
      ['stripe, empty', 'StripeCheckoutSession', () => presentStripeSession(empty, Date.parse('2026-01-01T12:00:00Z'))],
      [
        'stripe line items',
        'StripeLineItemList',
        () => ({ object: 'list', data: presentStripeLineItems(full), has_more: false, url: '/v1/checkout/sessions/x/line_items' }),
      ],
      [
        'api key',
        'ApiKey',
        () =>
          presentApiKey(
            create(ApiKeyViewSchema, { keyId: 'key_1', name: 'ci', keyPrefix: 'sk_test_', last4: 'abcd', scopes: ['checkout_sessions:read'], createdAt: '2026-01-01T00:00:00.000Z', revokedAt: '2026-01-01T01:00:00.000Z' }),
          ),
      ],
      [
        'api key with secret',
        'ApiKeyWithSecret',
        () => ({ ...presentApiKey(create(ApiKeyViewSchema, { keyId: 'key_1', name: 'ci', createdAt: '2026-01-01T00:00:00.000Z' })), secret: 'sk_test_x' }),
      ],
      [
        'webhook endpoint',
        'WebhookEndpoint',
        () =>
          presentEndpoint(
            create(WebhookEndpointViewSchema, {
              endpointId: 'we_1',
              url: 'https://shop.example/hook',
              enabledEvents: ['session.paid'],
              status: WebhookEndpointStatus.DISABLED,
              disabledReason: 'failing for 5 days',
              createdAt: '2026-01-01T00:00:00.000Z',
            }),
          ),
      ],
      [
        'webhook delivery',
        'WebhookDelivery',
        () =>
          presentDelivery(
            create(WebhookDeliveryViewSchema, {
              deliveryId: 'wd_1',
              endpointId: 'we_1',
              eventId: 'evt_1',
              eventType: 'session.paid',
              status: WebhookDeliveryStatus.RETRYING,
              attemptCount: 1,
              nextAttemptAt: '2026-01-01T00:05:00.000Z',
              attempts: [{ attempt: 1, httpStatus: 500, latencyMs: 12, responseExcerpt: 'oops', attemptedAt: '2026-01-01T00:00:05.000Z' }],
              createdAt: '2026-01-01T00:00:00.000Z',
            }),
          ),
      ],
    ];

    it.each(cases)('%s → %s', (_label, name, present) => {
      expect(check(schema(name), JSON.parse(JSON.stringify(present())), doc)).toBeNull();
    });

    it('a field the presenter does not send, or sends unlisted, is caught', () => {
      const answer = JSON.parse(JSON.stringify(presentNativeSession(full))) as Record<string, unknown>;
      expect(check(schema('CheckoutSession'), { ...answer, surprise: 1 }, doc)).toMatch(/unexpected property surprise/);
      const { status: _status, ...withoutStatus } = answer;
      expect(check(schema('CheckoutSession'), withoutStatus, doc)).toMatch(/missing status/);
    });
  });
});
