import { beforeAll, describe, expect, it } from '@jest/globals';
import { createMerchant, createSession, eventually, http, type TestMerchant } from './support/platform.js';

/** Issue 2's walking skeleton: gateway → session → event → JetStream → projections, through the running system. */
describe('walking skeleton', () => {
  let merchant: TestMerchant;

  beforeAll(async () => {
    merchant = await createMerchant();
  });

  it('creates a session, answers it, and the dashboard-api projection lists it', async () => {
    const created = await createSession(merchant.key, {
      amount: { value: '50.00', currency: 'USD' },
      metadata: { orderId: '001' },
      successUrl: 'https://shop.example/success',
    });
    expect(created.status).toBe(200);
    const session = created.body as {
      id: string;
      object: string;
      status: string;
      address: string;
      fiat: unknown;
      amount: { atomic: string };
      livemode: boolean;
      checkoutUrl: string;
    };
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.object).toBe('checkout_session');
    expect(session.status).toBe('pending');
    expect(session.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(session.fiat).toEqual({ amount: '50.00', currency: 'USD' });
    expect(BigInt(session.amount.atomic)).toBeGreaterThan(0n);
    expect(session.livemode).toBe(false);
    expect(session.checkoutUrl).toContain(`/checkout/${session.id}`);

    const fetched = await http('GET', `/api/v1/checkout_sessions/${session.id}`, { key: merchant.key });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(session);

    // The session service's own list projection and dashboard-api's transactions projection both catch up.
    await eventually(async () => {
      const list = await http<{ data: { id: string }[] }>('GET', '/api/v1/checkout_sessions?limit=10', { key: merchant.key });
      return list.body.data.some((row) => row.id === session.id) ? true : undefined;
    }, 5_000, 'the session list projection');
    const exported = await eventually(async () => {
      const answer = await http<Record<string, unknown>[] | { data: Record<string, unknown>[] }>(
        'GET',
        '/api/v1/checkout_sessions/export?format=json',
        { key: merchant.key },
      );
      const rows = Array.isArray(answer.body) ? answer.body : (answer.body.data ?? []);
      return rows.find((row) => JSON.stringify(row).includes(session.id));
    }, 5_000, 'the dashboard-api transactions projection');
    expect(JSON.stringify(exported)).toContain(session.id);
  });

  it('shows when each API key was last used', async () => {
    const keys = await eventually(async () => {
      const listed = await http<{ data: { prefix: string; lastUsedAt: string | null }[] }>('GET', '/api/v1/api_keys', { key: merchant.key });
      const used = listed.body.data.find((key) => merchant.key.startsWith(key.prefix));
      return used?.lastUsedAt ? used : undefined;
    }, 5_000, 'lastUsedAt on the key in use');
    expect(Date.parse(keys.lastUsedAt!)).toBeGreaterThan(Date.now() - 10 * 60_000);
  });

  it('answers bad requests with typed errors and writes nothing', async () => {
    const before = await http<{ data: unknown[] }>('GET', '/api/v1/checkout_sessions?limit=100', { key: merchant.key });

    const malformed = await http('POST', '/api/v1/checkout_sessions', { key: merchant.key, rawBody: '{"amount": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { type: 'invalid_request_error', code: 'body_malformed' } });

    const wrongType = await http('POST', '/api/v1/checkout_sessions', { key: merchant.key, rawBody: 'amount=1', contentType: 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body).toMatchObject({ error: { type: 'invalid_request_error', code: 'content_type_unsupported' } });

    const unknownRoute = await http('GET', '/api/v1/nothing_here', { key: merchant.key });
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body).toMatchObject({ error: { type: 'invalid_request_error', code: 'route_not_found' } });

    const badAmount = await http('POST', '/api/v1/checkout_sessions', {
      key: merchant.key,
      body: { amount: { value: '-5', currency: 'USD' } },
    });
    expect(badAmount.status).toBe(400);
    expect(badAmount.body).toMatchObject({ error: { type: 'invalid_request_error', param: 'amount[value]' } });

    const noKey = await http('GET', '/api/v1/checkout_sessions');
    expect(noKey.status).toBe(401);
    expect(noKey.body).toMatchObject({ error: { type: 'authentication_error' } });

    const missing = await http('GET', '/api/v1/checkout_sessions/cs_test_01J00000000000000000000000', { key: merchant.key });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'resource_missing' } });

    const after = await http<{ data: unknown[] }>('GET', '/api/v1/checkout_sessions?limit=100', { key: merchant.key });
    expect(after.body.data.length).toBe(before.body.data.length);
  });
});
