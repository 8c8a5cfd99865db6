import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  CheckoutAuthenticationError,
  CheckoutClient,
  CheckoutIdempotencyError,
  CheckoutInvalidRequestError,
  type CheckoutSession,
} from '@opencheckout/sdk';
import { e2eEnv } from './support/e2e-env.js';
import { createMerchant, createSession, eventually, type TestMerchant } from './support/platform.js';

function clientFor(apiKey: string): CheckoutClient {
  return new CheckoutClient({ apiKey, baseUrl: e2eEnv().gatewayUrl, minRetryDelayMs: 20, maxRetryDelayMs: 200 });
}

/** Issue 3: the SDK, against the running gateway, agrees with what the gateway really answers. */
describe('@opencheckout/sdk CheckoutClient against the running gateway', () => {
  let merchant: TestMerchant;
  let client: CheckoutClient;

  beforeAll(async () => {
    merchant = await createMerchant('SDK store');
    // Waits until the new wallet is usable for sessions.
    await createSession(merchant.key, { amount: { value: '1.00', currency: 'USD' } });
    client = clientFor(merchant.key);
  });

  it('creates (idempotently), retrieves, lists and expires sessions with the answer types it declares', async () => {
    const run = randomUUID();
    const params = {
      amount: { value: '30.00', currency: 'USD' },
      lineItems: [
        { name: 'Hoodie', description: 'Grey', quantity: 1, unitAmount: '25.00' },
        { name: 'Socks', quantity: 2, unitAmount: '2.50' },
      ],
      metadata: { run },
      successUrl: 'https://shop.example/ok?session={CHECKOUT_SESSION_ID}',
      cancelUrl: 'https://shop.example/cart',
      clientReferenceId: `ref-${run}`,
      customerEmail: 'buyer@shop.example',
      chain: e2eEnv().chain.chainId,
      expiresInSeconds: 3600,
    };
    const created: CheckoutSession = await client.checkoutSessions.create(params, { idempotencyKey: `sdk-${run}` });
    expect(created).toMatchObject({
      object: 'checkout_session',
      status: 'pending',
      mode: 'payment',
      livemode: false,
      chainId: e2eEnv().chain.chainId,
      fiat: { amount: '30.00', currency: 'USD' },
      metadata: { run },
      clientReferenceId: `ref-${run}`,
      customerEmail: 'buyer@shop.example',
      successUrl: `https://shop.example/ok?session=${created.id}`,
      cancelUrl: 'https://shop.example/cart',
      lineItems: [
        { name: 'Hoodie', description: 'Grey', quantity: 1, unitAmount: '25.00' },
        { name: 'Socks', description: null, quantity: 2, unitAmount: '2.50' },
      ],
      payments: [],
      paidAt: null,
      closedAt: null,
    });
    expect(created.id).toMatch(/^cs_test_/);
    expect(created.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(created.checkoutUrl).toContain(`/checkout/${created.id}`);
    expect(created.asset).toEqual({ code: expect.any(String), symbol: expect.any(String), decimals: expect.any(Number), tokenAddress: null });
    expect(created.asset.code).toBe('ETH');
    expect(BigInt(created.amount.atomic)).toBeGreaterThan(0n);
    expect(created.amountReceived).toEqual({ atomic: '0', decimal: '0' });
    expect(Date.parse(created.expiresAt) - Date.parse(created.createdAt)).toBe(3600 * 1000);

    // The same idempotency key and params: the first answer again.
    const replayed = await client.checkoutSessions.create(params, { idempotencyKey: `sdk-${run}` });
    expect(replayed).toEqual(created);
    const reused = await client.checkoutSessions
      .create({ ...params, amount: { value: '31.00', currency: 'USD' }, lineItems: undefined }, { idempotencyKey: `sdk-${run}` })
      .catch((error: unknown) => error);
    expect(reused).toBeInstanceOf(CheckoutIdempotencyError);
    expect(reused).toMatchObject({ status: 400, type: 'idempotency_error', code: 'idempotency_key_reused' });

    expect(await client.checkoutSessions.retrieve(created.id)).toEqual(created);

    const listed = await eventually(async () => {
      const page = await client.checkoutSessions.list({ limit: 5, clientReferenceId: `ref-${run}` });
      return page.data.length > 0 ? page : undefined;
    }, 5_000, 'the session in the list');
    expect(listed).toMatchObject({ object: 'list', hasMore: false, nextCursor: null });
    expect(listed.data.map((session) => session.id)).toEqual([created.id]);
    const pending = await client.checkoutSessions.list({ status: 'pending', limit: 100 });
    expect(pending.data.every((session) => session.status === 'pending')).toBe(true);

    const expired = await client.checkoutSessions.expire(created.id, { idempotencyKey: `expire-${run}` });
    expect(expired).toMatchObject({ id: created.id, status: 'canceled' });
    expect(expired.closedAt).not.toBeNull();
    expect(expired.sequence).toBeGreaterThan(created.sequence);
    expect((await client.checkoutSessions.retrieve(created.id)).status).toBe('canceled');
    const canceled = await eventually(async () => {
      const page = await client.checkoutSessions.list({ status: 'canceled', limit: 100 });
      return page.data.some((session) => session.id === created.id) ? page : undefined;
    }, 5_000, 'the canceled session in the filtered list');
    expect(canceled.data.every((session) => session.status === 'canceled')).toBe(true);
  });

  it('walks every page with listAll, following nextCursor', async () => {
    const run = randomUUID();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await client.checkoutSessions.create({ amount: { value: `${i + 2}.00`, currency: 'USD' }, metadata: { run } })).id);
    }
    const seen = await eventually(async () => {
      const all: CheckoutSession[] = [];
      for await (const session of client.checkoutSessions.listAll({ limit: 2 })) all.push(session);
      return ids.every((id) => all.some((session) => session.id === id)) ? all : undefined;
    }, 5_000, 'the new sessions across pages');
    expect(new Set(seen.map((session) => session.id)).size).toBe(seen.length);
    // Newest first.
    expect(seen.filter((session) => session.metadata.run === run).map((session) => session.id)).toEqual([...ids].reverse());
  });

  it('throws typed errors the way the gateway answers', async () => {
    const badKey = await clientFor('sk_test_' + 'x'.repeat(40)).checkoutSessions.list().catch((error: unknown) => error);
    expect(badKey).toBeInstanceOf(CheckoutAuthenticationError);
    expect(badKey).toMatchObject({ status: 401, type: 'authentication_error', code: 'api_key_invalid' });

    const invalid = await client.checkoutSessions
      .create({ amount: { value: '-5', currency: 'USD' } })
      .catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(CheckoutInvalidRequestError);
    expect(invalid).toMatchObject({ status: 400, type: 'invalid_request_error', param: 'amount[value]' });

    const badCurrency = await client.checkoutSessions
      .create({ amount: { value: '5.00', currency: 'DOLLARS' } })
      .catch((error: unknown) => error);
    expect(badCurrency).toBeInstanceOf(CheckoutInvalidRequestError);

    const missing = await client.checkoutSessions.retrieve('cs_test_01J00000000000000000000000').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(CheckoutInvalidRequestError);
    expect(missing).toMatchObject({ status: 404, code: 'resource_missing' });

    // Expiring a closed session is a state conflict, not a retry candidate.
    const session = await client.checkoutSessions.create({ amount: { value: '3.00', currency: 'USD' } });
    await client.checkoutSessions.expire(session.id);
    const twice = await client.checkoutSessions.expire(session.id).catch((error: unknown) => error);
    if (twice instanceof Error) {
      expect(twice).toBeInstanceOf(CheckoutInvalidRequestError);
    } else {
      // Expiring is idempotent on an already-canceled session: the same state comes back.
      expect((twice as CheckoutSession).status).toBe('canceled');
    }
  });

  it('manages API keys: the secret once, listed without it, revoked keys refused', async () => {
    const created = await client.apiKeys.create({ name: 'SDK made', scopes: ['checkout_sessions:read'] });
    expect(created).toMatchObject({ object: 'api_key', name: 'SDK made', livemode: false, status: 'active', scopes: ['checkout_sessions:read'], revokedAt: null });
    expect(created.secret).toMatch(/^sk_test_/);
    expect(created.secret.endsWith(created.last4)).toBe(true);
    expect(created.secret.startsWith(created.prefix)).toBe(true);

    const scoped = clientFor(created.secret);
    expect((await scoped.checkoutSessions.list({ limit: 1 })).object).toBe('list');
    // A read-only key may not write.
    const denied = await scoped.checkoutSessions.create({ amount: { value: '1.00', currency: 'USD' } }).catch((error: unknown) => error);
    expect(denied).toMatchObject({ status: 403, type: 'permission_error' });

    const listed = await client.apiKeys.list();
    const row = listed.data.find((key) => key.id === created.id);
    expect(row).toMatchObject({ id: created.id, status: 'active', prefix: created.prefix, last4: created.last4 });
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    const revoked = await client.apiKeys.revoke(created.id);
    expect(revoked).toMatchObject({ id: created.id, status: 'revoked' });
    expect(revoked.revokedAt).not.toBeNull();
    await expect(scoped.checkoutSessions.list()).rejects.toBeInstanceOf(CheckoutAuthenticationError);
    expect((await client.apiKeys.list({ includeRevoked: false })).data.map((key) => key.id)).not.toContain(created.id);
    expect((await client.apiKeys.list()).data.find((key) => key.id === created.id)?.status).toBe('revoked');
  });

  it('manages webhook endpoints: create, retrieve, update, rotate, test, delete', async () => {
    const endpoint = await client.webhookEndpoints.create({
      url: 'https://shop.example/hooks',
      enabledEvents: ['session.paid'],
      description: 'orders',
    });
    expect(endpoint).toMatchObject({
      object: 'webhook_endpoint',
      url: 'https://shop.example/hooks',
      enabledEvents: ['session.paid'],
      description: 'orders',
      status: 'enabled',
      livemode: false,
      disabledReason: null,
    });
    expect(endpoint.secret).toMatch(/^whsec_/);

    const fetched = await client.webhookEndpoints.retrieve(endpoint.id);
    expect(fetched).not.toHaveProperty('secret');
    expect(fetched.id).toBe(endpoint.id);
    expect((await client.webhookEndpoints.list()).data.map((row) => row.id)).toContain(endpoint.id);

    const updated = await client.webhookEndpoints.update(endpoint.id, { enabledEvents: ['session.paid', 'session.expired'], status: 'disabled' });
    expect(updated).toMatchObject({ enabledEvents: ['session.paid', 'session.expired'], status: 'disabled' });

    const rotated = await client.webhookEndpoints.rotateSecret(endpoint.id, { expiresInSeconds: 60 });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(rotated.previousSecretExpiresAt).not.toBeNull();

    await client.webhookEndpoints.update(endpoint.id, { status: 'enabled' });
    // The dispatcher learns of the re-enable from the event stream: moments later.
    const delivery = await eventually(
      () =>
        client.webhookEndpoints.sendTest(endpoint.id).catch((error: unknown) => {
          if (error instanceof CheckoutInvalidRequestError && /disabled/.test(error.message)) return undefined;
          throw error;
        }),
      5_000,
      'the dispatcher to see the endpoint enabled',
    );
    expect(delivery).toMatchObject({ object: 'webhook_delivery', endpointId: endpoint.id, test: true, livemode: false });
    expect(Array.isArray(delivery.attempts)).toBe(true);
    const deliveries = await eventually(async () => {
      const page = await client.webhookDeliveries.list({ endpointId: endpoint.id });
      return page.data.some((row) => row.id === delivery.id) ? page : undefined;
    }, 5_000, 'the test delivery in the log');
    expect(deliveries.object).toBe('list');

    const deleted = await client.webhookEndpoints.delete(endpoint.id);
    expect(deleted).toEqual({ id: endpoint.id, object: 'webhook_endpoint', deleted: true });
    const gone = await client.webhookEndpoints.retrieve(endpoint.id).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(CheckoutInvalidRequestError);
    expect(gone).toMatchObject({ status: 404, code: 'resource_missing' });
  });

  it("lists the merchant's events newest first", async () => {
    const session = await client.checkoutSessions.create({ amount: { value: '4.00', currency: 'USD' } });
    const events = await eventually(async () => {
      const page = await client.events.list({ sessionId: session.id, limit: 10 });
      return page.data.length > 0 ? page : undefined;
    }, 5_000, "the session's events");
    expect(events.data[0]).toMatchObject({ object: 'event', type: 'session.created', livemode: false, streamId: session.id });
    expect(events.data[0]!.id).toEqual(expect.any(String));
    expect(events.data[0]!.sequence).toBe(1);
  });
});
