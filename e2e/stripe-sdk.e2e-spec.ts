import { beforeAll, describe, expect, it } from '@jest/globals';
import Stripe from 'stripe';
import { e2eEnv } from './support/e2e-env.js';
import { createMerchant, createSession, eventually, type TestMerchant } from './support/platform.js';

function stripeFor(key: string): Stripe {
  const url = new URL(e2eEnv().gatewayUrl);
  return new Stripe(key, {
    host: url.hostname,
    port: Number(url.port),
    protocol: url.protocol.replace(':', '') as 'http' | 'https',
    maxNetworkRetries: 1,
  });
}

/** Seed 001: the official Stripe SDK, pointed at the gateway, works unchanged. */
describe('Stripe-compatible Checkout Sessions through the official Stripe SDK', () => {
  let merchant: TestMerchant;
  let stripe: Stripe;

  beforeAll(async () => {
    merchant = await createMerchant('Stripe SDK store');
    // Wait until the wallet is usable (the first native create retries while it is not).
    await createSession(merchant.key, { amount: { value: '1.00', currency: 'USD' } });
    stripe = stripeFor(merchant.key);
  });

  it('creates, retrieves, lists line items, lists and expires sessions', async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [
        { price_data: { currency: 'usd', product_data: { name: 'T-shirt', description: 'Cotton' }, unit_amount: 2500 }, quantity: 2 },
        { price_data: { currency: 'usd', product_data: { name: 'Sticker' }, unit_amount: 150 }, quantity: 1 },
      ],
      success_url: 'https://shop.example/orders/42/success?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://shop.example/cart',
      metadata: { order_id: '42' },
      client_reference_id: 'order-42',
    });
    expect(session.object).toBe('checkout.session');
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.status).toBe('open');
    expect(session.payment_status).toBe('unpaid');
    expect(session.amount_total).toBe(5150);
    expect(session.currency).toBe('usd');
    expect(session.metadata).toEqual({ order_id: '42' });
    expect(session.url).toContain(`/checkout/${session.id}`);
    expect(session.success_url).toBe(`https://shop.example/orders/42/success?session_id=${session.id}`);

    const retrieved = await stripe.checkout.sessions.retrieve(session.id);
    expect(retrieved.id).toBe(session.id);
    expect(retrieved.amount_total).toBe(5150);

    const items = await stripe.checkout.sessions.listLineItems(session.id);
    expect(items.data.map((item) => [item.description, item.quantity, item.amount_total])).toEqual([
      ['T-shirt', 2, 5000],
      ['Sticker', 1, 150],
    ]);

    // Lists come from a projection: the new session appears within moments.
    const listed = await eventually(async () => {
      const page = await stripe.checkout.sessions.list({ limit: 100 });
      return page.data.some((row) => row.id === session.id) ? page : undefined;
    }, 5_000, 'the session in the list');
    expect(listed.object).toBe('list');

    const expired = await stripe.checkout.sessions.expire(session.id);
    expect(expired.status).toBe('expired');
    expect(expired.url).toBeNull();
  });

  it('paginates with starting_after like Stripe', async () => {
    for (let i = 0; i < 3; i++) {
      await stripe.checkout.sessions.create({
        line_items: [{ price_data: { currency: 'usd', product_data: { name: `Item ${i}` }, unit_amount: 100 + i }, quantity: 1 }],
      });
    }
    const seen: string[] = await eventually(async () => {
      const ids: string[] = [];
      for await (const row of stripe.checkout.sessions.list({ limit: 2 })) ids.push(row.id);
      return ids.length >= 4 ? ids : undefined;
    }, 5_000, 'four sessions in the list');
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(4);
  });

  it('raises StripeAuthenticationError for a bad key and StripeInvalidRequestError for bad input', async () => {
    await expect(stripeFor('sk_test_' + 'x'.repeat(40)).checkout.sessions.list()).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
    const invalid = stripe.checkout.sessions.create({
      line_items: [{ price_data: { currency: 'usd', product_data: { name: 'Bad' }, unit_amount: -1 }, quantity: 1 }],
    });
    await expect(invalid).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(invalid).rejects.toMatchObject({ param: 'line_items[0][price_data][unit_amount]' });
    await expect(stripe.checkout.sessions.retrieve('cs_test_01J00000000000000000000000')).rejects.toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
  });
});
