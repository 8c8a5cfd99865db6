import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createApiKey, formEncode } from './support/merchant-keys.js';
import { createMerchant, createSession, eventually, http, testXpub, type TestMerchant } from './support/platform.js';

/** Error types a client error may carry (seed 001's table). */
const CLIENT_ERROR_TYPES = ['invalid_request_error', 'authentication_error', 'permission_error', 'idempotency_error'];

const BATCH = 16;
const RUNS = 70; // 70 × 16 = 1,120 malformed requests

interface Case {
  what: string;
  method: 'POST' | 'PATCH' | 'DELETE' | 'GET';
  path: string;
  /** Index into the merchant's keys, or an Authorization header value of its own. */
  auth: { key: number } | { header: string | null };
  idempotencyKey?: string;
  body?: string;
  contentType?: string;
}

interface Fixture {
  keys: string[];
  sessionId: string;
  endpointId: string;
  keyIds: string[];
  revokedKey: string;
  foreignSessionId: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Values wrong only as JSON: a form body turns every leaf into a string, so
 * `{k: 1}` as metadata is fine there. Bodies holding one are sent as JSON only.
 */
const jsonOnlyValues = new WeakSet<object>();
function jsonOnly<T extends object>(value: T): T {
  jsonOnlyValues.add(value);
  return value;
}
function needsJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object' || depth > 500) return false;
  if (jsonOnlyValues.has(value)) return true;
  return Object.values(value).some((child) => needsJson(child, depth + 1));
}

function nested(depth: number, leaf: Json): Json {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Field names that no DTO declares, in either shape. */
const KNOWN_FIELDS = new Set([
  'mode', 'amount', 'asset', 'chain', 'lineItems', 'line_items', 'metadata', 'successUrl', 'success_url', 'cancelUrl',
  'cancel_url', 'expiresInSeconds', 'expires_at', 'clientReferenceId', 'client_reference_id', 'customerEmail',
  'customer_email', 'donation', 'name', 'scopes', 'expiresAt', 'url', 'description', 'enabledEvents', 'status',
  'xpub', 'mnemonic', 'label', 'chainFamily', 'type', 'value', 'currency', 'quantity', 'unitAmount', 'price_data',
  'product_data', 'unit_amount', 'recurring', 'crypto', 'payment_method_options', 'submit_type', 'locale', 'customer',
  'subscription_data', 'payment_intent_data', 'custom_text', 'ui_mode', 'billing_address_collection', 'minimum',
]);
const unknownField = fc.stringMatching(/^[a-z][a-z_]{2,14}$/).filter((name) => !KNOWN_FIELDS.has(name));

// Bad values valid in neither encoding (a form body turns every leaf into a string, so numeric strings would pass).
const badDecimal = fc.constantFrom<Json>('-5', '-0.01', 'abc', '1e30', '1' + '0'.repeat(30), '1.2.3', '', ' 5', '5,00', -1, true, [], {}, '0x10', '１０');
const badCurrency = fc.constantFrom<Json>('US', 'USDX', 'u$d', '123', '', 840, 'ZZZ', 'XXX', 'BTC', 'ETH', [], nested(3, 'USD'));
const badUrl = fc.constantFrom<Json>(
  'ftp://shop.example/ok', 'javascript:alert(1)', 'not a url', 'http://', '//shop.example/x', 'shop.example/ok',
  `https://${'a'.repeat(2100)}.example/`, 123, 'http://exa mple.com/', 'mailto:a@b.c', 'file:///etc/passwd', [],
);
const badInt = fc.constantFrom<Json>(-1, 1.5, 'abc', 1e21, 1e300, '1e3', [], {}, true, '', '-7', 'Infinity');
const hugeString = fc.integer({ min: 501, max: 4000 }).map((n) => 'x'.repeat(n));
const deep = fc.integer({ min: 2, max: 400 }).map((depth) => nested(depth, 'x'));

const badMetadata = fc.oneof(
  fc.constantFrom<Json>('x', 5, [], ['a'], true),
  fc.constantFrom<Json>(1, true, [], {}, null).map((value) => jsonOnly({ k: value })),
  hugeString.map((value) => ({ note: value })),
  fc.integer({ min: 41, max: 80 }).map((n) => ({ ['k'.repeat(n)]: 'v' })),
  fc.integer({ min: 51, max: 70 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']))),
  deep.map((value) => ({ a: value })),
);

/** A valid native create body with one field made wrong. */
const nativeBody = fc.oneof(
  badDecimal.map((value) => ({ amount: { value, currency: 'USD' } })),
  badCurrency.map((currency) => ({ amount: { value: '10.00', currency } })),
  fc.constantFrom<Json>('10', 10, [], 'USD 10').map((amount) => ({ amount })),
  badUrl.map((successUrl) => ({ amount: { value: '10.00', currency: 'USD' }, successUrl })),
  badUrl.map((cancelUrl) => ({ amount: { value: '10.00', currency: 'USD' }, cancelUrl })),
  badMetadata.map((metadata) => ({ amount: { value: '10.00', currency: 'USD' }, metadata })),
  badInt.map((expiresInSeconds) => ({ amount: { value: '10.00', currency: 'USD' }, expiresInSeconds })),
  fc.constantFrom<Json>(0, 10 ** 9, 2 ** 31).map((expiresInSeconds) => ({ amount: { value: '10.00', currency: 'USD' }, expiresInSeconds })),
  fc.constantFrom<Json>('bitcoin', 'X', 'E T H', 5, 'DOGECOINXYZ123', 'NOPE').map((asset) => ({ amount: { value: '10.00', currency: 'USD' }, asset })),
  fc.constantFrom<Json>('abc', -1, 1.5, '99999999999', 'mainnet', 999999, '424242').map((chain) => ({ amount: { value: '10.00', currency: 'USD' }, chain })),
  fc.constantFrom<Json>('buy', '', 5, 'PAYMENT').map((mode) => ({ amount: { value: '10.00', currency: 'USD' }, mode })),
  fc.constantFrom<Json>('not-an-email', '@x', 'a@', 5).map((customerEmail) => ({ amount: { value: '10.00', currency: 'USD' }, customerEmail })),
  fc.integer({ min: 201, max: 400 }).map((n) => ({ amount: { value: '10.00', currency: 'USD' }, clientReferenceId: 'r'.repeat(n) })),
  fc.oneof(
    badInt.map((quantity) => ({ name: 'Tee', quantity, unitAmount: '10.00' })),
    fc.constant<Json>({ name: 'Tee', quantity: 0, unitAmount: '10.00' }),
    badDecimal.map((unitAmount) => ({ name: 'Tee', quantity: 1, unitAmount })),
    fc.constant<Json>({ name: '', quantity: 1, unitAmount: '10.00' }),
    fc.constant<Json>({ quantity: 1, unitAmount: '10.00' }),
    fc.constant<Json>({ name: 'Tee', quantity: 2, unitAmount: '10.00' }), // the sum differs from amount
  ).map((item) => ({ amount: { value: '10.00', currency: 'USD' }, lineItems: [item] })),
  fc.constantFrom<Json>('Tee', 5, { name: 'Tee' }).map((lineItems) => ({ amount: { value: '10.00', currency: 'USD' }, lineItems })),
  fc.integer({ min: 101, max: 130 }).map((n) => ({
    amount: { value: `${n}.00`, currency: 'USD' },
    lineItems: Array.from({ length: n }, () => ({ name: 'x', quantity: 1, unitAmount: '1.00' })),
  })),
  fc.tuple(unknownField, fc.constantFrom<Json>('x', 1, true)).map(([field, value]) => ({ amount: { value: '10.00', currency: 'USD' }, [field]: value })),
  fc.tuple(unknownField, fc.constantFrom<Json>('x', 1)).map(([field, value]) => ({ amount: { value: '10.00', currency: 'USD', [field]: value } })),
  deep.map((amount) => ({ amount })),
  fc.constant<Json>({}),
  fc.constant<Json>({ mode: 'donation', donation: { minimum: { value: '-1', currency: 'USD' } } }),
);

const stripeItem = { price_data: { currency: 'usd', product_data: { name: 'Tee' }, unit_amount: 1000 }, quantity: 1 };
const withItem = (patch: (item: { price_data: Record<string, Json>; quantity: Json }) => void): { line_items: Json[] } => {
  const item = structuredClone(stripeItem) as unknown as { price_data: Record<string, Json>; quantity: Json };
  patch(item);
  return { line_items: [item as unknown as Json] };
};

/** A valid Stripe create body with one field made wrong. */
const stripeBody = fc.oneof(
  badInt.map((unit_amount) => withItem((item) => void (item.price_data.unit_amount = unit_amount))),
  fc.constantFrom<Json>(-100, 10 ** 15, 2 ** 53 + 2).map((unit_amount) => withItem((item) => void (item.price_data.unit_amount = unit_amount))),
  badCurrency.map((currency) => withItem((item) => void (item.price_data.currency = currency))),
  badInt.map((quantity) => withItem((item) => void (item.quantity = quantity))),
  fc.constant(withItem((item) => void (item.quantity = 0))),
  fc.constant(withItem((item) => void (item.price_data.product_data = { name: '' }))),
  fc.constant(withItem((item) => void (item.price_data.product_data = {}))),
  hugeString.map((name) => withItem((item) => void (item.price_data.product_data = { name }))),
  fc.tuple(unknownField, fc.constantFrom<Json>('x', 1)).map(([field, value]) => withItem((item) => void (item.price_data[field] = value))),
  deep.map((price_data) => ({ line_items: [{ price_data, quantity: 1 }] })),
  fc.constantFrom<Json>('Tee', 5, [], {}).map((line_items) => ({ line_items })),
  fc.constant<Json>({}),
  badUrl.map((success_url) => ({ ...withItem(() => undefined), success_url })),
  badUrl.map((cancel_url) => ({ ...withItem(() => undefined), cancel_url })),
  badMetadata.map((metadata) => ({ ...withItem(() => undefined), metadata })),
  fc.constantFrom<Json>('buy', 'setup', 5).map((mode) => ({ ...withItem(() => undefined), mode })),
  fc.constantFrom<Json>(-1, 1.5, 'soon', 1, 4102444800, 10 ** 15, 1e21).map((expires_at) => ({ ...withItem(() => undefined), expires_at })),
  fc.constantFrom<Json>('nope', 5).map((customer_email) => ({ ...withItem(() => undefined), customer_email })),
  fc.tuple(unknownField, fc.constantFrom<Json>('x', 1)).map(([field, value]) => ({ ...withItem(() => undefined), [field]: value })),
);

const apiKeyBody = fc.oneof(
  fc.constant<Json>({}),
  fc.constantFrom<Json>('', [], {}).map((name) => ({ name })),
  fc.constantFrom<Json>(5, true, null).map((name) => jsonOnly({ name })),
  fc.integer({ min: 101, max: 300 }).map((n) => ({ name: 'k'.repeat(n) })),
  fc.constantFrom<Json>('everything', ['admin'], ['checkout_sessions:delete'], 'checkout_sessions:read', [5]).map((scopes) => ({ name: 'k', scopes })),
  fc.constantFrom<Json>('tomorrow', '2026-13-01T00:00:00Z', '01/01/2030').map((expiresAt) => ({ name: 'k', expiresAt })),
  // A test key asking for a live key is refused, not obeyed.
  fc.constantFrom<Json>(true, false).map((livemode) => ({ name: 'k', livemode })),
  fc.tuple(unknownField, fc.constantFrom<Json>('x', 1)).map(([field, value]) => ({ name: 'k', [field]: value })),
);

const endpointBody = fc.oneof(
  fc.constant<Json>({}),
  badUrl.map((url) => ({ url, enabledEvents: ['session.paid'] })),
  fc.constantFrom<Json>('session.paid', [5], ['paid'], ['Session.Paid'], ['session.paid; drop'], {}).map((enabledEvents) => ({ url: 'https://shop.example/h', enabledEvents })),
  fc.integer({ min: 33, max: 60 }).map((n) => ({ url: 'https://shop.example/h', enabledEvents: Array.from({ length: n }, () => 'session.paid') })),
  hugeString.map((description) => ({ url: 'https://shop.example/h', enabledEvents: ['session.paid'], description })),
  fc.tuple(unknownField, fc.constantFrom<Json>('x', 1)).map(([field, value]) => ({ url: 'https://shop.example/h', enabledEvents: ['session.paid'], [field]: value })),
);

/** PATCH bodies: each has at least one wrong field, so none is a valid (if empty) update. */
const endpointPatch = fc.oneof(
  badUrl.map((url) => ({ url })),
  fc.constantFrom<Json>('on', 'paused', 5).map((status) => ({ status })),
  fc.constantFrom<Json>('session.paid', [5], ['paid']).map((enabledEvents) => ({ enabledEvents })),
  fc.tuple(unknownField, fc.constantFrom<Json>('x', 1)).map(([field, value]) => ({ status: 'enabled', [field]: value })),
  hugeString.map((description) => ({ description })),
);

const walletBody = fc.oneof(
  fc.constant<Json>({}),
  fc.integer({ min: 1, max: 99 }).map((n) => ({ xpub: 'x'.repeat(n) })),
  fc.integer({ min: 121, max: 300 }).map((n) => ({ xpub: 'x'.repeat(n) })),
  // The right length and alphabet, but no extended key.
  fc.stringMatching(/^xpub[1-9A-HJ-NP-Za-km-z]{107}$/).map((xpub) => ({ xpub })),
  fc.constant<Json>({ xpub: testXpub(1).slice(0, -1) + (testXpub(1).endsWith('a') ? 'b' : 'a') }),
  fc.constant<Json>({ xpub: testXpub(1), mnemonic: 'test test test test test test test test test test test junk' }),
  fc.constantFrom<Json>('not a mnemonic', 'abandon abandon abandon', 5).map((mnemonic) => ({ mnemonic })),
  fc.constantFrom<Json>('btc', 'solana', 5).map((chainFamily) => ({ xpub: testXpub(1), chainFamily })),
  fc.integer({ min: 101, max: 200 }).map((n) => ({ xpub: testXpub(1), label: 'l'.repeat(n) })),
  fc.tuple(unknownField, fc.constantFrom<Json>('x', 1)).map(([field, value]) => ({ xpub: testXpub(1), [field]: value })),
);

/** Query strings the list endpoints must refuse: each holds at least one wrong parameter. */
const badQuery = fc.tuple(
  fc.constantFrom('/api/v1/checkout_sessions', '/v1/checkout/sessions', '/api/v1/webhook_deliveries', '/api/v1/events', '/api/v1/checkout_sessions/export'),
  fc.constantFrom(
    'limit=abc', 'limit=-1', 'limit=0', 'limit=1000000', 'limit=1e3', 'limit[]=1', 'limit[a]=1',
    'status=bogus', 'status[]=paid&status[]=x', 'created[gte]=not-a-date', 'created[lte]=2026-13-45', 'createdGte=99999999999999999',
    'starting_after[a]=1', 'startingAfter=' + 'x'.repeat(300), 'format=xml', 'format[]=csv', 'type=BAD TYPE', 'endpointId[x]=1',
    'unknown_param=1', 'limit=%FF', 'a[b][c][d][e][f][g]=1',
  ),
).map(([path, query]) => `${path}?${query}`);

const badId = fc.oneof(
  fc.constant('cs_test_01J00000000000000000000000'),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constantFrom('%00', '..%2F..%2Fapi_keys', "' OR 1=1 --", 'a'.repeat(300)),
);

/** Idempotency-Key values the gateway must refuse: too long, or not printable ASCII (inner spaces survive trimming). */
const badIdempotencyKey = fc.oneof(
  fc.integer({ min: 256, max: 600 }).map((n) => 'k'.repeat(n)),
  fc.tuple(fc.stringMatching(/^[a-z]{1,10}$/), fc.constantFrom(' ', '\t'), fc.stringMatching(/^[a-z]{1,10}$/)).map((parts) => parts.join('')),
  fc.constantFrom('k\u00ff', 'clé-1', 'k\u00a0y'),
);

/** Authorization headers that name no usable key. */
const badAuthorization = (fixture: () => Fixture) =>
  fc.oneof(
    fc.constant<string | null>(null),
    fc.constantFrom('Bearer', 'Bearer ', 'Basic', 'Token abc', 'bearer', 'sk_test_123'),
    fc.stringMatching(/^[a-zA-Z0-9]{8,60}$/).map((s) => `Bearer sk_test_${s}`),
    fc.stringMatching(/^[a-zA-Z0-9]{8,60}$/).map((s) => `Bearer sk_live_${s}`),
    fc.stringMatching(/^[\x21-\x7e]{1,200}$/).map((s) => `Bearer ${s}`),
    fc.stringMatching(/^[\x21-\x7e]{1,80}$/).map((s) => `Basic ${Buffer.from(`${s}:`).toString('base64')}`),
    fc.constant(0).map(() => `Bearer ${fixture().revokedKey}`),
    fc.constant(0).map(() => `Bearer ${fixture().keys[0]!.slice(0, -1)}`),
    fc.constant(0).map(() => `Bearer ${fixture().keys[0]!.toUpperCase()}`),
  );

describe('malformed bodies and headers across the API: typed 4xx, never 5xx, nothing written', () => {
  let merchant: TestMerchant;
  let fixture: Fixture;
  let other: TestMerchant;
  const seen = new Map<number, number>();

  /** What the merchant can see of its own data; every read is of a strongly consistent or caught-up model. */
  async function snapshot() {
    const [sessions, keys, endpoints, wallets, endpoint, session] = await Promise.all([
      http<{ data: Record<string, unknown>[]; hasMore: boolean }>('GET', '/api/v1/checkout_sessions?limit=100', { key: fixture.keys[0] }),
      http('GET', '/api/v1/api_keys', { key: fixture.keys[0] }),
      http('GET', '/api/v1/webhook_endpoints', { key: fixture.keys[0] }),
      http('GET', '/api/v1/wallets', { key: fixture.keys[0] }),
      http('GET', `/api/v1/webhook_endpoints/${fixture.endpointId}`, { key: fixture.keys[0] }),
      http('GET', `/api/v1/checkout_sessions/${fixture.sessionId}`, { key: fixture.keys[0] }),
    ]);
    expect(sessions.body.hasMore).toBe(false);
    // A key that authenticated a refused request was still used: lastUsedAt moves, nothing else may.
    const keyRows = (keys.body as { data: Record<string, unknown>[] }).data.map(({ lastUsedAt: _lastUsedAt, ...rest }) => rest);
    return { sessions: sessions.body, keys: keyRows, endpoints: endpoints.body, wallets: wallets.body, endpoint: endpoint.body, session: session.body };
  }

  /**
   * Every projection reads the one event stream in order: once a session made
   * now by another merchant shows in both read models, every earlier write would too.
   */
  async function projectionsCaughtUp(): Promise<void> {
    const marker = await createSession(other.key, { amount: { value: '1.00', currency: 'USD' } });
    const id = (marker.body as { id: string }).id;
    await eventually(async () => {
      const list = await http<{ data: { id: string }[] }>('GET', '/api/v1/checkout_sessions?limit=5', { key: other.key });
      const exported = await http<{ session_id: string }[]>('GET', '/api/v1/checkout_sessions/export?format=json', { key: other.key });
      return list.body.data.some((s) => s.id === id) && Array.isArray(exported.body) && exported.body.some((row) => row.session_id === id) ? true : undefined;
    }, 10_000, 'both projections to pass the marker session');
  }

  let before: Awaited<ReturnType<typeof snapshot>>;
  let exportBefore: unknown;

  beforeAll(async () => {
    [merchant, other] = await Promise.all([createMerchant('Fuzzed store'), createMerchant('Marker store')]);
    const session = await createSession(merchant.key, { amount: { value: '10.00', currency: 'USD' }, metadata: { kept: 'yes' } });
    const foreign = await createSession(other.key, { amount: { value: '10.00', currency: 'USD' } });
    // Several keys of one merchant keep the run under the per-key rate limit: every request is validated, none is merely throttled.
    const extra = await Promise.all(Array.from({ length: 11 }, (_, i) => createApiKey(merchant.key, `fuzz ${i}`)));
    const revoked = await createApiKey(merchant.key, 'revoked');
    expect((await http('POST', `/api/v1/api_keys/${revoked.id}/revoke`, { key: merchant.key })).status).toBe(200);
    const endpoint = await http<{ id: string }>('POST', '/api/v1/webhook_endpoints', {
      key: merchant.key,
      body: { url: 'https://shop.example/hooks', enabledEvents: ['session.paid'] },
    });
    expect(endpoint.status).toBe(200);
    const keyList = await http<{ data: { id: string }[] }>('GET', '/api/v1/api_keys', { key: merchant.key });
    fixture = {
      keys: [merchant.key, ...extra.map((key) => key.secret)],
      keyIds: keyList.body.data.map((key) => key.id),
      sessionId: (session.body as { id: string }).id,
      foreignSessionId: (foreign.body as { id: string }).id,
      endpointId: endpoint.body.id,
      revokedKey: revoked.secret,
    };
    await projectionsCaughtUp();
    before = await snapshot();
    exportBefore = (await http('GET', '/api/v1/checkout_sessions/export?format=json', { key: merchant.key })).body;
  });

  afterAll(() => {
    // The spread of answers, for the record when a run is looked into.
    process.stdout.write(`malformed-input statuses: ${JSON.stringify(Object.fromEntries([...seen].sort()))}\n`);
  });

  it('answers 1,000+ generated malformed requests with a typed 4xx error and writes nothing', async () => {
    const key = fc.nat({ max: 11 }).map((index) => ({ key: index }));
    const encoding = fc.constantFrom('json', 'form');
    const body = (arb: fc.Arbitrary<Json>) =>
      fc.tuple(arb, encoding).map(([value, enc]) =>
        enc === 'json' || needsJson(value)
          ? { body: JSON.stringify(value), contentType: 'application/json' }
          : { body: formEncode(value), contentType: 'application/x-www-form-urlencoded' },
      );
    const create = (what: string, path: string, arb: fc.Arbitrary<Json>, method: Case['method'] = 'POST') =>
      fc.tuple(body(arb), key).map(([b, auth]): Case => ({ what, method, path, auth, ...b }));

    const validNative = JSON.stringify({ amount: { value: '10.00', currency: 'USD' } });
    const validStripe = JSON.stringify(withItem(() => undefined));
    const anyRoute = fc.constantFrom<[Case['method'], string, string | undefined]>(
      ['POST', '/api/v1/checkout_sessions', validNative],
      ['POST', '/v1/checkout/sessions', validStripe],
      ['POST', '/api/checkout/sessions', validStripe],
      ['GET', '/api/v1/checkout_sessions', undefined],
      ['POST', '/api/v1/api_keys', JSON.stringify({ name: 'k' })],
      ['POST', '/api/v1/webhook_endpoints', JSON.stringify({ url: 'https://shop.example/h', enabledEvents: ['session.paid'] })],
      ['POST', '/api/v1/wallets', JSON.stringify({ xpub: testXpub(3) })],
      ['GET', '/api/v1/events', undefined],
    );
    // Valid requests under a usable key except for one header: proves the header is checked before any write.
    const writes = fc.constantFrom<(f: Fixture) => [Case['method'], string, string | undefined]>(
      () => ['POST', '/api/v1/checkout_sessions', validNative],
      () => ['POST', '/v1/checkout/sessions', validStripe],
      () => ['POST', '/api/v1/api_keys', JSON.stringify({ name: 'k' })],
      () => ['POST', '/api/v1/webhook_endpoints', JSON.stringify({ url: 'https://shop.example/h', enabledEvents: ['session.paid'] })],
      () => ['POST', '/api/v1/wallets', JSON.stringify({ xpub: testXpub(4) })],
      (f) => ['POST', `/api/v1/checkout_sessions/${f.sessionId}/expire`, undefined],
      (f) => ['POST', `/v1/checkout/sessions/${f.sessionId}/expire`, undefined],
      (f) => ['POST', `/api/v1/api_keys/${f.keyIds[f.keyIds.length - 1]}/revoke`, undefined],
      (f) => ['PATCH', `/api/v1/webhook_endpoints/${f.endpointId}`, JSON.stringify({ status: 'disabled' })],
      (f) => ['POST', `/api/v1/webhook_endpoints/${f.endpointId}/rotate_secret`, JSON.stringify({})],
    );

    const oneCase: fc.Arbitrary<Case> = fc.oneof(
      { arbitrary: create('native create', '/api/v1/checkout_sessions', nativeBody), weight: 6 },
      { arbitrary: create('stripe create', '/v1/checkout/sessions', stripeBody), weight: 4 },
      { arbitrary: create('stripe create (api path)', '/api/checkout/sessions', stripeBody), weight: 2 },
      { arbitrary: create('api key create', '/api/v1/api_keys', apiKeyBody), weight: 2 },
      { arbitrary: create('endpoint create', '/api/v1/webhook_endpoints', endpointBody), weight: 2 },
      { arbitrary: fc.tuple(body(endpointPatch), key).map(([b, auth]): Case => ({ what: 'endpoint update', method: 'PATCH', path: `/api/v1/webhook_endpoints/${fixture.endpointId}`, auth, ...b })), weight: 2 },
      {
        arbitrary: fc.tuple(fc.constantFrom<Json>({ expiresInSeconds: -1 }, { expiresInSeconds: 10 ** 9 }, { expiresInSeconds: 'x' }, { other: 1 }), key).map(([b, auth]): Case => ({
          what: 'rotate secret', method: 'POST', path: `/api/v1/webhook_endpoints/${fixture.endpointId}/rotate_secret`, auth, body: JSON.stringify(b), contentType: 'application/json',
        })),
        weight: 1,
      },
      {
        arbitrary: fc.tuple(fc.constantFrom<Json>({ type: 'BAD' }, { type: 5 }, { type: 'session' }, { other: 1 }), key).map(([b, auth]): Case => ({
          what: 'send test', method: 'POST', path: `/api/v1/webhook_endpoints/${fixture.endpointId}/test`, auth, body: JSON.stringify(b), contentType: 'application/json',
        })),
        weight: 1,
      },
      { arbitrary: create('wallet add', '/api/v1/wallets', walletBody), weight: 2 },
      {
        arbitrary: fc.tuple(badId, fc.constantFrom('/api/v1/checkout_sessions', '/v1/checkout/sessions'), key).map(([id, base, auth]): Case => ({
          what: 'expire unknown', method: 'POST', path: `${base}/${encodeURIComponent(id)}/expire`, auth,
        })),
        weight: 2,
      },
      { arbitrary: key.map((auth): Case => ({ what: 'expire foreign', method: 'POST', path: `/api/v1/checkout_sessions/${fixture.foreignSessionId}/expire`, auth })), weight: 1 },
      { arbitrary: fc.tuple(badQuery, key).map(([path, auth]): Case => ({ what: 'bad list query', method: 'GET', path, auth })), weight: 2 },
      { arbitrary: fc.tuple(badId, key).map(([id, auth]): Case => ({ what: 'revoke unknown', method: 'POST', path: `/api/v1/api_keys/${encodeURIComponent(id)}/revoke`, auth })), weight: 1 },
      { arbitrary: fc.tuple(badId, key).map(([id, auth]): Case => ({ what: 'delete unknown endpoint', method: 'DELETE', path: `/api/v1/webhook_endpoints/${encodeURIComponent(id)}`, auth })), weight: 1 },
      {
        arbitrary: fc.tuple(anyRoute, badAuthorization(() => fixture)).map(([[method, path, b], header]): Case => ({
          what: 'bad authorization', method, path, auth: { header }, ...(b === undefined ? {} : { body: b, contentType: 'application/json' }),
        })),
        weight: 3,
      },
      {
        arbitrary: fc.tuple(writes, badIdempotencyKey, key).map(([route, idempotencyKey, auth]): Case => {
          const [method, path, b] = route(fixture);
          return { what: 'bad idempotency key', method, path, auth, idempotencyKey, ...(b === undefined ? {} : { body: b, contentType: 'application/json' }) };
        }),
        weight: 3,
      },
      {
        // Bodies that are no JSON object at all, or in a media type the API does not take.
        arbitrary: fc.tuple(
          fc.constantFrom('/api/v1/checkout_sessions', '/v1/checkout/sessions', '/api/v1/api_keys', '/api/v1/webhook_endpoints', '/api/v1/wallets'),
          fc.oneof(
            fc.constantFrom('{"amount": ', '[]', '"text"', '42', 'null', '{"a":1}}', '{', '\u0000', '{"__proto__": {"x": 1}}', '{"constructor": {"prototype": {}}}').map((b) => [b, 'application/json']),
            fc.string({ maxLength: 200 }).filter((s) => { try { const v: unknown = JSON.parse(s); return typeof v !== 'object' || v === null || Array.isArray(v); } catch { return true; } }).map((b) => [b, 'application/json']),
            fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/octet-stream').map((type) => [validNative, type]),
            fc.constant(0).map(() => [JSON.stringify({ amount: { value: '10.00', currency: 'USD' }, metadata: { pad: 'x'.repeat(300 * 1024) } }), 'application/json']),
            fc.integer({ min: 7, max: 40 }).map((depth) => [`${'a'.repeat(1)}${'[b]'.repeat(depth)}=1&amount[value]=10.00&amount[currency]=USD`, 'application/x-www-form-urlencoded']),
          ),
          key,
        ).map(([path, [b, contentType], auth]): Case => ({ what: 'unparseable body', method: 'POST', path, auth, body: b, contentType })),
        weight: 3,
      },
    );

    const send = async (c: Case) => {
      const headers: Record<string, string> = {};
      if ('header' in c.auth) {
        if (c.auth.header !== null) headers.authorization = c.auth.header;
      } else headers.authorization = `Bearer ${fixture.keys[c.auth.key]}`;
      if (c.idempotencyKey !== undefined) headers['idempotency-key'] = c.idempotencyKey;
      return http<{ error?: { type?: unknown; code?: unknown; message?: unknown } }>(c.method, c.path, {
        headers,
        ...(c.body === undefined ? {} : { rawBody: c.body, contentType: c.contentType }),
      });
    };

    let total = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(oneCase, { minLength: BATCH, maxLength: BATCH }), async (cases) => {
        const answers = await Promise.all(cases.map(send));
        total += cases.length;
        answers.forEach((answer, index) => {
          seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
          const c = cases[index]!;
          const where = `${c.what}: ${c.method} ${c.path.slice(0, 120)} ${String(c.body).slice(0, 200)} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
          if (answer.status < 400 || answer.status >= 500 || answer.status === 429) throw new Error(`unexpected status for ${where}`);
          const error = answer.body?.error;
          if (
            typeof error !== 'object' ||
            !CLIENT_ERROR_TYPES.includes(String(error.type)) ||
            typeof error.code !== 'string' ||
            error.code === '' ||
            typeof error.message !== 'string' ||
            error.message === ''
          ) {
            throw new Error(`untyped error body for ${where}`);
          }
        });
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(total).toBeGreaterThanOrEqual(1000);

    await projectionsCaughtUp();
    const after = await snapshot();
    expect(after).toEqual(before);
    expect((await http('GET', '/api/v1/checkout_sessions/export?format=json', { key: merchant.key })).body).toEqual(exportBefore);
    // The marker merchant's session stays open too: nobody expired it from outside.
    const foreign = await http<{ status: string }>('GET', `/api/v1/checkout_sessions/${fixture.foreignSessionId}`, { key: other.key });
    expect(foreign.body.status).toBe('pending');
  });
});
