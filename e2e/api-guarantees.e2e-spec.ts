import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createApiKey, formEncode, operatorKey, type IssuedKey } from './support/merchant-keys.js';
import { createMerchant, createSession, eventually, http, testXpub, type TestMerchant } from './support/platform.js';

type ErrorBody = { error: { type: string; code: string; message: string; param?: string } };
type SessionBody = { id: string; status: string; livemode: boolean; metadata: Record<string, string> };
type ListBody<T = SessionBody> = { object: 'list'; data: T[]; hasMore: boolean; nextCursor?: string | null };

/** The gateway's per-key limit in the e2e system (RATE_LIMIT_PER_SECOND's default) and the burst it absorbs. */
const RATE_PER_SECOND = 100;
const BURST = RATE_PER_SECOND * 2;

/** Every session of the merchant's mode whose metadata.run is `run`, read from the session list projection. */
async function sessionsTagged(key: string, run: string): Promise<SessionBody[]> {
  const found: SessionBody[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await http<ListBody>('GET', `/api/v1/checkout_sessions?limit=100${cursor ? `&startingAfter=${cursor}` : ''}`, { key });
    if (page.status !== 200) throw new Error(`list answered ${page.status}`);
    found.push(...page.body.data.filter((session) => session.metadata?.run === run));
    if (!page.body.hasMore || !page.body.nextCursor) return found;
    cursor = page.body.nextCursor;
  }
}

/**
 * Waits until the list projection shows a session created after `run`'s: it
 * applies events in stream order, so anything created before it shows by then.
 */
async function listCaughtUp(key: string): Promise<string> {
  const run = `sentinel-${randomUUID()}`;
  const sentinel = await createSession(key, { amount: { value: '1.00', currency: 'USD' }, metadata: { run } });
  expect(sentinel.status).toBe(200);
  const id = (sentinel.body as unknown as SessionBody).id;
  await eventually(async () => ((await sessionsTagged(key, run)).some((s) => s.id === id) ? true : undefined), 10_000, 'the sentinel session in the list');
  return id;
}

/** dashboard-api's transactions export, once it shows `sentinelId` (and so everything created before it). */
async function exportedAfter(key: string, sentinelId: string): Promise<Record<string, unknown>[]> {
  return eventually(async () => {
    const answer = await http<Record<string, unknown>[]>('GET', '/api/v1/checkout_sessions/export?format=json', { key });
    if (answer.status !== 200 || !Array.isArray(answer.body)) throw new Error(`export answered ${answer.status}`);
    return answer.body.some((row) => row.session_id === sentinelId) ? answer.body : undefined;
  }, 10_000, 'the export to show the sentinel session');
}

describe('Idempotency-Key: one session however many times a request arrives', () => {
  let merchant: TestMerchant;
  let keys: string[];

  beforeAll(async () => {
    merchant = await createMerchant('Idempotency store');
    await createSession(merchant.key, { amount: { value: '1.00', currency: 'USD' } });
    // The gateway limits each key to a burst of 200: the 1,000 twins are spread over ten keys of
    // one merchant, which share one idempotency scope (merchant + mode + key).
    const extra = await Promise.all(Array.from({ length: 9 }, (_, i) => createApiKey(merchant.key, `twin sender ${i}`)));
    keys = [merchant.key, ...extra.map((issued) => issued.secret)];
  });

  it('answers 1,000 concurrent POSTs with one key and one body with one and the same session', async () => {
    const run = randomUUID();
    const idempotencyKey = `order-${run}`;
    const body = { amount: { value: '42.00', currency: 'USD' }, metadata: { run }, successUrl: 'https://shop.example/ok' };
    const firstAnswers: number[] = [];
    /**
     * One twin: a retryable refusal (the key in use, a service busy) is retried
     * with the same key, as DESIGN allows and the SDK does; anything else is final.
     */
    const twin = async (key: string) => {
      for (let attempt = 0; ; attempt++) {
        const answer = await http<SessionBody & ErrorBody & { error?: { retryable?: boolean } }>('POST', '/api/v1/checkout_sessions', {
          key,
          body,
          headers: { 'Idempotency-Key': idempotencyKey },
        });
        if (attempt === 0) firstAnswers.push(answer.status);
        if (answer.status === 200 || answer.body.error?.retryable !== true || attempt === 5) return answer;
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    };
    const sentAt = performance.now();
    // All 1,000 are sent before any answer is awaited: they race for real.
    const started = Array.from({ length: 1000 }, (_, i) => twin(keys[i % keys.length]!));
    const answers = await Promise.all(started);
    const firstStatuses = Object.fromEntries([...new Set(firstAnswers)].map((status) => [status, firstAnswers.filter((s) => s === status).length]));
    process.stdout.write(`1,000 concurrent idempotent creates answered in ${Math.round(performance.now() - sentAt)} ms (first answers: ${JSON.stringify(firstStatuses)})\n`);
    // A first answer is the session or a retryable refusal, never a fault or another error.
    expect(Object.keys(firstStatuses).filter((status) => !['200', '409', '503'].includes(status))).toEqual([]);
    const statuses = new Map<number, number>();
    for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    expect(Object.fromEntries(statuses)).toEqual({ 200: 1000 });
    const ids = new Set(answers.map((answer) => (answer.body as SessionBody).id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(id).toMatch(/^cs_test_/);
    // Every replay is the first answer itself, not merely the same id.
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);

    const sentinelId = await listCaughtUp(merchant.key);
    const tagged = await sessionsTagged(merchant.key, run);
    expect(tagged.map((session) => session.id)).toEqual([id]);
    // dashboard-api's transactions projection agrees: one row of 42.00 (the only session of that amount).
    const exported = await exportedAfter(merchant.key, sentinelId);
    const rows = exported.filter((row) => String(row.fiat_amount_minor) === '4200');
    expect(rows.map((row) => row.session_id)).toEqual([id]);
  });

  it('refuses the same key with another body with idempotency_error, and creates nothing', async () => {
    const run = randomUUID();
    const idempotencyKey = `order-${run}`;
    const first = await http<SessionBody>('POST', '/api/v1/checkout_sessions', {
      key: merchant.key,
      body: { amount: { value: '10.00', currency: 'USD' }, metadata: { run } },
      headers: { 'Idempotency-Key': idempotencyKey },
    });
    expect(first.status).toBe(200);
    for (const other of [
      { amount: { value: '10.01', currency: 'USD' }, metadata: { run } },
      { amount: { value: '10.00', currency: 'EUR' }, metadata: { run } },
      { amount: { value: '10.00', currency: 'USD' }, metadata: { run, extra: 'x' } },
    ]) {
      const reused = await http<ErrorBody>('POST', '/api/v1/checkout_sessions', { key: merchant.key, body: other, headers: { 'Idempotency-Key': idempotencyKey } });
      expect(reused.status).toBe(400);
      expect(reused.body.error).toMatchObject({ type: 'idempotency_error', code: 'idempotency_key_reused' });
    }
    // The Stripe shape under a key the native shape used is another request, not a replay.
    const crossShape = await http<ErrorBody>('POST', '/v1/checkout/sessions', {
      key: merchant.key,
      rawBody: formEncode({ line_items: [{ price_data: { currency: 'usd', product_data: { name: 'X' }, unit_amount: 1000 }, quantity: 1 }], metadata: { run } }),
      contentType: 'application/x-www-form-urlencoded',
      headers: { 'Idempotency-Key': idempotencyKey },
    });
    expect(crossShape.status).toBe(400);
    expect(crossShape.body.error.type).toBe('idempotency_error');

    const replay = await http<SessionBody>('POST', '/api/v1/checkout_sessions', {
      key: merchant.key,
      body: { metadata: { run }, amount: { currency: 'USD', value: '10.00' } },
      headers: { 'Idempotency-Key': idempotencyKey },
    });
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(first.body.id);

    await listCaughtUp(merchant.key);
    expect((await sessionsTagged(merchant.key, run)).map((s) => s.id)).toEqual([first.body.id]);
  });

  it('replays form-encoded Stripe creates under one key, concurrent or not, whatever the encoding', async () => {
    const run = randomUUID();
    const idempotencyKey = `stripe-${run}`;
    const params = {
      mode: 'payment',
      line_items: [{ price_data: { currency: 'usd', product_data: { name: 'Mug', description: 'Blue' }, unit_amount: 1250 }, quantity: 2 }],
      success_url: 'https://shop.example/ok?session_id={CHECKOUT_SESSION_ID}',
      metadata: { run },
    };
    const form = () =>
      http<{ id: string; object: string; amount_total: number }>('POST', '/v1/checkout/sessions', {
        key: keys[1],
        rawBody: formEncode(params),
        contentType: 'application/x-www-form-urlencoded',
        headers: { 'Idempotency-Key': idempotencyKey },
      });
    const answers = await Promise.all(Array.from({ length: 50 }, form));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(answers[0]!.body).toMatchObject({ object: 'checkout.session', amount_total: 2500 });

    // The same parameters as JSON, and on the other Stripe path, are the same request.
    const asJson = await http<{ id: string }>('POST', '/api/checkout/sessions', { key: keys[2], body: params, headers: { 'Idempotency-Key': idempotencyKey } });
    expect(asJson.status).toBe(200);
    expect(asJson.body.id).toBe(id);
    const again = await form();
    expect(again.body.id).toBe(id);

    await listCaughtUp(merchant.key);
    expect((await sessionsTagged(merchant.key, run)).map((s) => s.id)).toEqual([id]);
  });
});

describe('Isolation between modes, merchants and revoked keys', () => {
  let a: TestMerchant;
  let b: TestMerchant;
  let live: IssuedKey;
  let testSession: SessionBody;

  beforeAll(async () => {
    [a, b] = await Promise.all([createMerchant('Tenant A'), createMerchant('Tenant B')]);
    const created = await createSession(a.key, { amount: { value: '20.00', currency: 'USD' }, metadata: { who: 'a' } });
    expect(created.status).toBe(200);
    testSession = created.body as unknown as SessionBody;
    live = await operatorKey(a.merchantId, true, 'live key');
  });

  it('keeps live and test data apart in both directions', async () => {
    expect(live.secret).toMatch(/^sk_live_/);
    expect(live.livemode).toBe(true);

    // A live wallet, made with the live key, lives in live mode only.
    const wallet = await http<{ id: string; livemode: boolean }>('POST', '/api/v1/wallets', { key: live.secret, body: { xpub: testXpub(2000 + Math.floor(Math.random() * 1000)) } });
    expect(wallet.status).toBe(200);
    expect(wallet.body.livemode).toBe(true);
    const endpoint = await http<{ id: string; livemode: boolean }>('POST', '/api/v1/webhook_endpoints', {
      key: live.secret,
      // Live mode resolves and vets the host (SSRF guard): a public address literal needs no DNS.
      body: { url: 'https://93.184.215.14/live-hooks', enabledEvents: ['session.paid'] },
    });
    expect([endpoint.status, endpoint.body]).toMatchObject([200, { livemode: true }]);
    expect(endpoint.body.livemode).toBe(true);

    // A live session, when this instance has a live chain; else a typed refusal.
    const liveCreate = await eventually(async () => {
      const answer = await http<SessionBody & ErrorBody>('POST', '/api/v1/checkout_sessions', {
        key: live.secret,
        body: { amount: { value: '5.00', currency: 'USD' } },
      });
      return answer.status === 400 && answer.body.error?.code === 'wallet_missing' ? undefined : answer;
    }, 10_000, 'the live wallet to be usable');
    let liveSessionId: string | undefined;
    if (liveCreate.status === 200) {
      expect(liveCreate.body.id).toMatch(/^cs_live_/);
      expect(liveCreate.body.livemode).toBe(true);
      liveSessionId = liveCreate.body.id;
    } else {
      expect(liveCreate.status).toBe(400);
      expect(liveCreate.body.error).toMatchObject({ type: 'invalid_request_error', code: 'chain_unavailable' });
    }

    // The live key does not see the test session, on either shape.
    const liveReadsTest = await http<ErrorBody>('GET', `/api/v1/checkout_sessions/${testSession.id}`, { key: live.secret });
    expect(liveReadsTest.status).toBe(404);
    expect(liveReadsTest.body.error.code).toBe('resource_missing');
    expect((await http('GET', `/v1/checkout/sessions/${testSession.id}`, { key: live.secret })).status).toBe(404);
    const liveExpiresTest = await http<ErrorBody>('POST', `/api/v1/checkout_sessions/${testSession.id}/expire`, { key: live.secret });
    expect(liveExpiresTest.status).toBe(404);
    const liveList = await http<ListBody>('GET', '/api/v1/checkout_sessions?limit=100', { key: live.secret });
    expect(liveList.body.data.map((s) => s.id)).not.toContain(testSession.id);
    expect(liveList.body.data.every((s) => s.livemode)).toBe(true);

    if (liveSessionId !== undefined) {
      const testReadsLive = await http<ErrorBody>('GET', `/api/v1/checkout_sessions/${liveSessionId}`, { key: a.key });
      expect(testReadsLive.status).toBe(404);
      expect(testReadsLive.body.error.code).toBe('resource_missing');
      expect((await http('POST', `/api/v1/checkout_sessions/${liveSessionId}/expire`, { key: a.key })).status).toBe(404);
      const stillOpen = await http<SessionBody>('GET', `/api/v1/checkout_sessions/${liveSessionId}`, { key: live.secret });
      expect(stillOpen.body.status).toBe('pending');
      const testList = await http<ListBody>('GET', '/api/v1/checkout_sessions?limit=100', { key: a.key });
      expect(testList.body.data.map((s) => s.id)).not.toContain(liveSessionId);
    }

    // Keys, wallets and endpoints: each mode lists its own only, and cannot touch the other's.
    const testKeys = await http<ListBody<{ id: string; livemode: boolean }>>('GET', '/api/v1/api_keys', { key: a.key });
    expect(testKeys.body.data.map((k) => k.id)).not.toContain(live.id);
    expect(testKeys.body.data.every((k) => !k.livemode)).toBe(true);
    const liveKeys = await http<ListBody<{ id: string; livemode: boolean }>>('GET', '/api/v1/api_keys', { key: live.secret });
    expect(liveKeys.body.data.map((k) => k.id)).toContain(live.id);
    expect(liveKeys.body.data.every((k) => k.livemode)).toBe(true);
    const testWallets = await http<ListBody<{ id: string; livemode: boolean }>>('GET', '/api/v1/wallets', { key: a.key });
    expect(testWallets.body.data.map((w) => w.id)).not.toContain(wallet.body.id);
    const liveWallets = await http<ListBody<{ id: string; livemode: boolean }>>('GET', '/api/v1/wallets', { key: live.secret });
    expect(liveWallets.body.data.map((w) => w.id)).toEqual([wallet.body.id]);
    const testEndpoints = await http<ListBody<{ id: string }>>('GET', '/api/v1/webhook_endpoints', { key: a.key });
    expect(testEndpoints.body.data.map((e) => e.id)).not.toContain(endpoint.body.id);
    expect((await http('GET', `/api/v1/webhook_endpoints/${endpoint.body.id}`, { key: a.key })).status).toBe(404);
    expect((await http('DELETE', `/api/v1/webhook_endpoints/${endpoint.body.id}`, { key: a.key })).status).toBe(404);
    expect((await http('GET', `/api/v1/webhook_endpoints/${endpoint.body.id}`, { key: live.secret })).status).toBe(200);
    // A test key cannot revoke the live key.
    expect((await http('POST', `/api/v1/api_keys/${live.id}/revoke`, { key: a.key })).status).toBe(404);
    expect((await http('GET', '/api/v1/api_keys', { key: live.secret })).status).toBe(200);
  });

  it("does not let merchant B read, list or expire merchant A's session", async () => {
    const read = await http<ErrorBody>('GET', `/api/v1/checkout_sessions/${testSession.id}`, { key: b.key });
    expect(read.status).toBe(404);
    expect(read.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing' });
    const expire = await http<ErrorBody>('POST', `/api/v1/checkout_sessions/${testSession.id}/expire`, { key: b.key });
    expect(expire.status).toBe(404);
    expect(expire.body.error.code).toBe('resource_missing');
    const stripeRead = await http<ErrorBody>('GET', `/v1/checkout/sessions/${testSession.id}`, { key: b.key });
    expect(stripeRead.status).toBe(404);
    expect(stripeRead.body.error.code).toBe('resource_missing');
    const stripeExpire = await http<ErrorBody>('POST', `/v1/checkout/sessions/${testSession.id}/expire`, { key: b.key });
    expect(stripeExpire.status).toBe(404);
    expect((await http('GET', `/v1/checkout/sessions/${testSession.id}/line_items`, { key: b.key })).status).toBe(404);
    // The public page shows the session to anyone with its id; B's key adds no power over it.
    const bList = await http<ListBody>('GET', '/api/v1/checkout_sessions?limit=100', { key: b.key });
    expect(bList.body.data.map((s) => s.id)).not.toContain(testSession.id);
    // Nothing changed: A still sees it open, at its first version.
    const after = await http<SessionBody & { sequence: number }>('GET', `/api/v1/checkout_sessions/${testSession.id}`, { key: a.key });
    expect(after.status).toBe(200);
    expect(after.body.status).toBe('pending');
    expect(after.body).toEqual(testSession);
    // Nor can B revoke A's keys.
    const aKeys = await http<ListBody<{ id: string }>>('GET', '/api/v1/api_keys', { key: a.key });
    const revokeOther = await http<ErrorBody>('POST', `/api/v1/api_keys/${aKeys.body.data[0]!.id}/revoke`, { key: b.key });
    expect(revokeOther.status).toBe(404);
    expect((await http('GET', '/api/v1/api_keys', { key: a.key })).status).toBe(200);
  });

  it('refuses a revoked key at once, measured from the revoke answer', async () => {
    const doomed = await createApiKey(a.key, 'to be revoked');
    expect((await http('GET', '/api/v1/checkout_sessions?limit=1', { key: doomed.secret })).status).toBe(200);
    const revoked = await http<{ id: string; status: string }>('POST', `/api/v1/api_keys/${doomed.id}/revoke`, { key: a.key });
    const answeredAt = performance.now();
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    const first = await http<ErrorBody>('GET', '/api/v1/checkout_sessions?limit=1', { key: doomed.secret });
    // Polled, not assumed: the bound under test is one second from the revoke answer.
    const refused =
      first.status === 401
        ? first
        : await eventually(async () => {
            const answer = await http<ErrorBody>('GET', '/api/v1/checkout_sessions?limit=1', { key: doomed.secret });
            return answer.status === 401 ? answer : undefined;
          }, 5_000, 'the revoked key to be refused');
    const elapsedMs = performance.now() - answeredAt;
    process.stdout.write(`revoked key refused ${Math.round(elapsedMs)} ms after the revoke answer\n`);
    expect(elapsedMs).toBeLessThan(1000);
    expect(first.status).toBe(401);
    expect(refused.body.error).toMatchObject({ type: 'authentication_error', code: 'api_key_revoked' });
    // Every route refuses it, writes included; the merchant's other key still works.
    expect((await http('POST', '/api/v1/checkout_sessions', { key: doomed.secret, body: { amount: { value: '1.00', currency: 'USD' } } })).status).toBe(401);
    expect((await http('POST', '/v1/checkout/sessions', { key: doomed.secret, body: {} })).status).toBe(401);
    expect((await http('GET', '/api/v1/checkout_sessions?limit=1', { key: a.key })).status).toBe(200);
  });
});

describe('Rate limiting per key', () => {
  it('answers a burst beyond the limit with 429, Retry-After and rate_limit_error, and leaves other keys alone', async () => {
    const [noisy, other] = await Promise.all([createMerchant('Noisy store'), createMerchant('Quiet store')]);
    const sibling = await createApiKey(noisy.key, 'sibling');
    // Cheap requests that pass authentication and the limiter, then fail validation: no service work.
    // The other keys' requests go out inside the same burst, so they meet the limiter at its busiest.
    const cheap = (key: string) => http<ErrorBody>('GET', '/api/v1/checkout_sessions?limit=abc', { key });
    const bystanders: Promise<{ status: number }>[] = [];
    const started: Promise<{ status: number; body: ErrorBody; headers: Headers }>[] = [];
    for (let i = 0; i < BURST + 150; i++) {
      started.push(cheap(noisy.key));
      if (i % 35 === 0) bystanders.push(cheap(sibling.secret), cheap(other.key));
    }
    const burst = await Promise.all(started);
    const limited = burst.filter((answer) => answer.status === 429);
    const served = burst.filter((answer) => answer.status === 400);
    expect(limited.length + served.length).toBe(burst.length);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(served.length).toBeGreaterThanOrEqual(RATE_PER_SECOND);
    expect(served.length).toBeLessThanOrEqual(2 * BURST);
    for (const answer of limited) {
      expect(answer.body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit' });
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    for (const answer of served) expect(answer.body.error.type).toBe('invalid_request_error');
    const bystanderStatuses = (await Promise.all(bystanders)).map((answer) => answer.status);
    expect(bystanderStatuses).toEqual(bystanderStatuses.map(() => 400));
    expect((await http('GET', '/api/v1/checkout_sessions?limit=1', { key: sibling.secret })).status).toBe(200);
    expect((await http('GET', '/v1/checkout/sessions?limit=1', { key: other.key })).status).toBe(200);

    // And the noisy key is served again once Retry-After has passed.
    const waitMs = Math.max(...limited.map((answer) => Number(answer.headers.get('retry-after')))) * 1000;
    const back = await eventually(async () => {
      const answer = await http('GET', '/api/v1/checkout_sessions?limit=1', { key: noisy.key });
      return answer.status === 200 ? answer : undefined;
    }, waitMs + 3_000, 'the noisy key to be served again');
    expect(back.status).toBe(200);
  });
});
