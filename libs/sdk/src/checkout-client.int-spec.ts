import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  CheckoutApiError,
  CheckoutAuthenticationError,
  CheckoutClient,
  CheckoutConnectionError,
  CheckoutIdempotencyError,
  CheckoutInvalidRequestError,
  CheckoutRateLimitError,
  type CheckoutSession,
} from '@opencheckout/sdk';

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (req: Seen, res: ServerResponse, n: number) => void;

const apiKey = 'sk_test_abc123';

function session(id: string, extra: Partial<CheckoutSession> = {}): CheckoutSession {
  return {
    id,
    object: 'checkout_session',
    status: 'pending',
    mode: 'payment',
    checkoutUrl: `http://localhost/checkout/${id}`,
    address: '0x000000000000000000000000000000000000dEaD',
    chainId: 31337,
    asset: { code: 'ETH', symbol: 'ETH', decimals: 18, tokenAddress: null },
    amount: { atomic: '18473920000000000000', decimal: '18.47392' },
    amountReceived: { atomic: '0', decimal: '0' },
    fiat: { amount: '50.00', currency: 'USD' },
    quote: null,
    lineItems: [],
    donation: null,
    payments: [],
    customerAddress: null,
    confirmationsRequired: 3,
    successUrl: null,
    cancelUrl: null,
    clientReferenceId: null,
    customerEmail: null,
    sequence: 1,
    expiresAt: '2026-11-23T10:00:00.000Z',
    livemode: false,
    createdAt: '2026-11-22T10:00:00.000Z',
    paidAt: null,
    closedAt: null,
    metadata: {},
    ...extra,
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function apiError(res: ServerResponse, status: number, type: string, code: string, message: string, param?: string): void {
  json(res, status, { error: { type, code, message, ...(param ? { param } : {}) } });
}

/** A local server that plays the OpenCheckout API, one scripted handler per test. */
describe('CheckoutClient against a local HTTP server', () => {
  let server: Server;
  let baseUrl: string;
  let handler: Handler;
  let seen: Seen[];
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const entry: Seen = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        seen.push(entry);
        if (req.headers.authorization !== `Bearer ${apiKey}`) {
          apiError(res, 401, 'authentication_error', 'api_key_invalid', 'Invalid API key provided.');
          return;
        }
        handler(entry, res, seen.length);
      });
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  beforeEach(() => {
    seen = [];
    handler = (_req, res) => json(res, 500, {});
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (extra: Partial<ConstructorParameters<typeof CheckoutClient>[0]> = {}) =>
    new CheckoutClient({ apiKey, baseUrl, minRetryDelayMs: 5, maxRetryDelayMs: 20, ...extra });

  it('creates a session with the native body, bearer auth and the caller\'s Idempotency-Key', async () => {
    handler = (req, res) => json(res, 200, session('cs_1', { metadata: JSON.parse(req.body).metadata }));
    const created = await client().checkoutSessions.create(
      { amount: { value: '50.00', currency: 'USD' }, metadata: { orderId: '001' }, successUrl: 'https://shop.example/ok' },
      { idempotencyKey: 'order-001-v1' },
    );
    expect(created.id).toBe('cs_1');
    expect(created.metadata).toEqual({ orderId: '001' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.path).toBe('/api/v1/checkout_sessions');
    expect(seen[0]!.headers['idempotency-key']).toBe('order-001-v1');
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]!.body)).toEqual({
      amount: { value: '50.00', currency: 'USD' },
      metadata: { orderId: '001' },
      successUrl: 'https://shop.example/ok',
    });
  });

  it('retries a 5xx and a dropped connection with the SAME generated Idempotency-Key', async () => {
    handler = (req, res, n) => {
      if (n === 1) return json(res, 503, { error: { type: 'api_error', code: 'service_unavailable', message: 'Retry.' } });
      if (n === 2) return res.socket?.destroy();
      json(res, 200, session('cs_2'));
    };
    const created = await client().checkoutSessions.create({ amount: { value: '1.00', currency: 'USD' } });
    expect(created.id).toBe('cs_2');
    expect(seen).toHaveLength(3);
    const keys = new Set(seen.map((s) => s.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('generates a different key for each create call', async () => {
    handler = (_req, res) => json(res, 200, session('cs_x'));
    const c = client();
    await c.checkoutSessions.create({ amount: { value: '1.00', currency: 'USD' } });
    await c.checkoutSessions.create({ amount: { value: '1.00', currency: 'USD' } });
    expect(seen[0]!.headers['idempotency-key']).not.toBe(seen[1]!.headers['idempotency-key']);
  });

  it('retries 409 idempotency_key_in_use, then answers the first result', async () => {
    handler = (_req, res, n) =>
      n === 1
        ? apiError(res, 409, 'idempotency_error', 'idempotency_key_in_use', 'In flight.')
        : json(res, 200, session('cs_3'));
    expect((await client().checkoutSessions.create({ amount: { value: '1.00', currency: 'USD' } }, { idempotencyKey: 'k1' })).id).toBe('cs_3');
    expect(seen.map((s) => s.headers['idempotency-key'])).toEqual(['k1', 'k1']);
  });

  it('does not retry an idempotency key reused with other parameters', async () => {
    handler = (_req, res) => apiError(res, 400, 'idempotency_error', 'idempotency_key_reused', 'Keys for idempotent requests can only be used with the same parameters.');
    const error = await client().checkoutSessions.create({ amount: { value: '2.00', currency: 'USD' } }, { idempotencyKey: 'k2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckoutIdempotencyError);
    expect((error as CheckoutIdempotencyError).code).toBe('idempotency_key_reused');
    expect(seen).toHaveLength(1);
  });

  it('waits for Retry-After on a 429 before retrying', async () => {
    const at: number[] = [];
    handler = (_req, res, n) => {
      at.push(performance.now());
      if (n === 1) return json(res, 429, { error: { type: 'rate_limit_error', code: 'rate_limit', message: 'Slow down.' } }, { 'retry-after': '1' });
      json(res, 200, session('cs_4'));
    };
    expect((await client().checkoutSessions.retrieve('cs_4')).id).toBe('cs_4');
    expect(seen).toHaveLength(2);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(950);
  });

  it('gives up on a 429 whose Retry-After is longer than it will wait', async () => {
    handler = (_req, res) => json(res, 429, { error: { type: 'rate_limit_error', code: 'rate_limit', message: 'Slow down.' } }, { 'retry-after': '3600' });
    const error = await client().checkoutSessions.retrieve('cs_5').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckoutRateLimitError);
    expect((error as CheckoutRateLimitError).retryAfter).toBe(3600);
    expect(seen).toHaveLength(1);
  });

  it('stops after maxRetries and throws the typed 5xx error', async () => {
    handler = (_req, res) => apiError(res, 500, 'api_error', 'internal_error', 'An internal error occurred. Retry later.');
    const error = await client({ maxRetries: 3 }).checkoutSessions.retrieve('cs_6').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckoutApiError);
    expect((error as CheckoutApiError).status).toBe(500);
    expect(seen).toHaveLength(4);
  });

  it('maps 401, 400 and 404 to typed errors without retrying', async () => {
    const bad = await new CheckoutClient({ apiKey: 'sk_test_wrong', baseUrl }).checkoutSessions.retrieve('cs_7').catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(CheckoutAuthenticationError);
    expect((bad as CheckoutAuthenticationError).status).toBe(401);

    handler = (req, res) =>
      req.method === 'POST'
        ? apiError(res, 400, 'invalid_request_error', 'parameter_invalid', 'Invalid amount.', 'amount')
        : apiError(res, 404, 'invalid_request_error', 'resource_missing', "No such checkout session: 'cs_8'");
    const invalid = await client().checkoutSessions.create({ amount: { value: '-1', currency: 'USD' } }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(CheckoutInvalidRequestError);
    expect((invalid as CheckoutInvalidRequestError).param).toBe('amount');
    const missing = await client().checkoutSessions.retrieve('cs_8').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(CheckoutInvalidRequestError);
    expect((missing as CheckoutInvalidRequestError).code).toBe('resource_missing');
    expect(seen).toHaveLength(3);
  });

  it('throws a connection error when nothing answers, after retrying', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls += 1;
      return fetch(input, init);
    };
    const error = await new CheckoutClient({ apiKey, baseUrl: `http://127.0.0.1:${port}`, fetch: counting, minRetryDelayMs: 5 })
      .checkoutSessions.create({ amount: { value: '1.00', currency: 'USD' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckoutConnectionError);
    expect((error as CheckoutConnectionError).idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls).toBe(3);
  });

  it('times out a silent server as a connection error', async () => {
    const hanging: ServerResponse[] = [];
    handler = (_req, res) => void hanging.push(res);
    const error = await client({ timeoutMs: 100, maxRetries: 1 }).checkoutSessions.retrieve('cs_9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckoutConnectionError);
    expect((error as CheckoutConnectionError).code).toBe('timeout');
    expect(seen).toHaveLength(2);
    for (const res of hanging) res.destroy();
  });

  it('lists with cursor params and walks every page', async () => {
    const all = ['cs_a', 'cs_b', 'cs_c', 'cs_d', 'cs_e'];
    handler = (req, res) => {
      const limit = Number(req.query.get('limit') ?? 10);
      const after = req.query.get('startingAfter');
      const start = after ? all.indexOf(after) + 1 : 0;
      const page = all.slice(start, start + limit);
      const hasMore = start + limit < all.length;
      json(res, 200, { object: 'list', data: page.map((id) => session(id, { status: 'paid' })), hasMore, nextCursor: hasMore ? page.at(-1) : null });
    };
    const c = client();
    const first = await c.checkoutSessions.list({ limit: 2, status: 'paid' });
    expect(first.data.map((s) => s.id)).toEqual(['cs_a', 'cs_b']);
    expect(first.hasMore).toBe(true);
    expect(seen[0]!.query.get('status')).toBe('paid');
    expect(seen[0]!.query.has('endingBefore')).toBe(false);
    const ids: string[] = [];
    for await (const s of c.checkoutSessions.listAll({ limit: 2 })) ids.push(s.id);
    expect(ids).toEqual(all);
  });

  it('calls the admin routes with the right methods and paths', async () => {
    handler = (req, res) => json(res, 200, { object: 'x', id: 'x', path: req.path });
    const c = client();
    await c.checkoutSessions.expire('cs_1');
    await c.apiKeys.create({ name: 'Production' });
    await c.apiKeys.list();
    await c.apiKeys.revoke('key_1');
    await c.webhookEndpoints.create({ url: 'https://shop.example/hooks', enabledEvents: ['session.paid'] });
    await c.webhookEndpoints.list({ limit: 5 });
    await c.webhookEndpoints.update('we_1', { enabledEvents: ['session.paid', 'session.expired'] });
    await c.webhookEndpoints.delete('we_1');
    await c.webhookEndpoints.rotateSecret('we_1');
    await c.webhookEndpoints.sendTest('we_1');
    await c.webhookDeliveries.list({ endpointId: 'we_1', status: 'failed' });
    await c.webhookDeliveries.retry('wd_1');
    await c.events.list({ limit: 3 });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /api/v1/checkout_sessions/cs_1/expire',
      'POST /api/v1/api_keys',
      'GET /api/v1/api_keys',
      'POST /api/v1/api_keys/key_1/revoke',
      'POST /api/v1/webhook_endpoints',
      'GET /api/v1/webhook_endpoints',
      'PATCH /api/v1/webhook_endpoints/we_1',
      'DELETE /api/v1/webhook_endpoints/we_1',
      'POST /api/v1/webhook_endpoints/we_1/rotate_secret',
      'POST /api/v1/webhook_endpoints/we_1/test',
      'GET /api/v1/webhook_deliveries',
      'POST /api/v1/webhook_deliveries/wd_1/retry',
      'GET /api/v1/events',
    ]);
    expect(JSON.parse(seen[6]!.body)).toEqual({ enabledEvents: ['session.paid', 'session.expired'] });
    expect(seen[10]!.query.get('endpointId')).toBe('we_1');
    // Every POST carries an Idempotency-Key; other methods do not need one.
    for (const s of seen) expect(s.headers['idempotency-key'] !== undefined).toBe(s.method === 'POST');
  });

  it('encodes ids in paths so they cannot escape the route', async () => {
    handler = (_req, res) => json(res, 200, session('x'));
    await client().checkoutSessions.retrieve('../api_keys');
    expect(seen[0]!.path).toBe('/api/v1/checkout_sessions/..%2Fapi_keys');
  });
});
