import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseEther } from 'viem';
import { CheckoutPage } from '../services/web/page-objects/checkout.page.js';
import { DashboardPage } from '../services/web/page-objects/dashboard.page.js';
import { testIds } from '../services/web/src/test-ids.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { mine, payNative } from './support/chain.js';
import { e2eEnv } from './support/e2e-env.js';
import { createMerchant, createSession, eventually, http, type TestMerchant } from './support/platform.js';

/**
 * The dashboard and the hosted checkout page in Debian's chromium, against the
 * running system: what a buyer and a merchant see. Every wait is on a page
 * state with a deadline; confirmations are mined explicitly.
 */

const PAGE_MS = 15_000;

interface Session {
  id: string;
  address: string;
  chainId: number;
  amount: { atomic: string; decimal: string };
  fiat: { amount: string; currency: string } | null;
}

let browser: TestBrowser;
let merchant: TestMerchant;
let gatewayUrl: string;

async function newSession(body: Record<string, unknown>): Promise<Session> {
  const created = await createSession(merchant.key, body);
  if (created.status !== 200) throw new Error(`session create: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body as unknown as Session;
}

/** session.created has reached the bus (the event log shows it), so the watcher follows the address before the payment's block. */
async function onTheBus(id: string): Promise<void> {
  await eventually(async () => {
    const answer = await http<{ data: { type: string }[] }>('GET', `/api/v1/events?sessionId=${id}&limit=10`, { key: merchant.key });
    return answer.status === 200 && answer.body.data.some((event) => event.type === 'session.created') ? true : undefined;
  }, PAGE_MS, `${id} on the bus`);
}

/** Waits until no request of the page is in flight (tables loaded, or their error shown). */
async function settled(target: TestBrowser): Promise<void> {
  await target.page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
}

beforeAll(async () => {
  gatewayUrl = e2eEnv().gatewayUrl;
  [browser, merchant] = await Promise.all([launchBrowser(), createMerchant('Browser E2E store')]);
  browser.context.setDefaultTimeout(PAGE_MS);
});

afterAll(async () => {
  await browser?.close();
});

describe('hosted checkout page', () => {
  it('shows address, exact amount, QR code and countdown, then follows the payment to paid with a link back to the merchant', async () => {
    const session = await newSession({
      amount: { value: '12.34', currency: 'USD' },
      lineItems: [{ name: 'Espresso beans', quantity: 2, unitAmount: '6.17' }],
      successUrl: 'https://shop.example/thanks?order=42',
      cancelUrl: 'https://shop.example/cart',
    });
    const checkout = new CheckoutPage(browser.page, gatewayUrl);
    await checkout.open(session.id);

    expect(await checkout.status()).toBe('pending');
    expect((await checkout.address()).toLowerCase()).toBe(String(session.address).toLowerCase());
    expect(await checkout.amount()).toBe(session.amount.decimal);
    await expect(checkout.byTestId(testIds.checkout.fiat).textContent()).resolves.toContain('12.34');
    // The QR code is the EIP-681 URI for exactly this address, chain and amount, drawn as an SVG.
    const uri = await checkout.paymentUri();
    expect(uri).toBe(`ethereum:${session.address}@${session.chainId}?value=${session.amount.atomic}`);
    await checkout.byTestId(testIds.checkout.qr).locator('svg').waitFor();
    expect(await checkout.countdown()).toMatch(/^(\d+d )?(\d+:)?\d{1,2}:\d{2}$/);
    await browser.screenshot('checkout-pending');

    await onTheBus(session.id);
    await payNative(await checkout.address(), parseEther(await checkout.amount()));
    await mine(3);

    await checkout.waitForStatus('paid', PAGE_MS);
    const link = checkout.successLink();
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('https://shop.example/thanks?order=42');
    await expect(checkout.byTestId(testIds.checkout.received).textContent()).resolves.toContain(session.amount.decimal);
    await browser.screenshot('checkout-paid');
  });

  it('shows a clear page for an unknown session', async () => {
    const checkout = new CheckoutPage(browser.page, gatewayUrl);
    await checkout.open('cs_test_01JZZZZZZZZZZZZZZZZZZZZZZZ');
    await checkout.byTestId(testIds.checkout.notFound).waitFor();
    await browser.screenshot('checkout-not-found');
  });

  it('lets a donor choose the amount: below the minimum is refused, a valid one sets the amount to pay', async () => {
    const session = await newSession({ mode: 'donation', donation: { minimum: { value: '5.00', currency: 'USD' } } });
    const checkout = new CheckoutPage(browser.page, gatewayUrl);
    await checkout.open(session.id);
    await checkout.byTestId(testIds.checkout.donationInput).waitFor();
    await browser.screenshot('donation-ask');

    const refused = await checkout.chooseDonation('4.99');
    expect(refused).toMatch(/minimum/i);
    expect(refused).toContain('5.00');
    await browser.screenshot('donation-below-minimum');
    // The page's check mirrors the server's, which refuses the same amount with a typed error.
    const direct = await http<{ error: { code: string; param?: string } }>('POST', `/api/public/checkout_sessions/${session.id}/donation_amount`, {
      body: { amount: { value: '4.99', currency: 'USD' } },
    });
    expect(direct.status).toBe(400);
    expect(direct.body.error.code).toBe('amount_below_minimum');

    const chosen = await checkout.chooseDonation('25.00');
    expect(chosen).toBeNull();
    await checkout.byTestId(testIds.checkout.amount).waitFor();
    // The server took the amount: its view of the session now asks for 25.00 USD worth.
    const server = await eventually(async () => {
      const answer = await http<Session>('GET', `/api/public/checkout_sessions/${session.id}`);
      return answer.body.fiat?.amount === '25.00' ? answer.body : undefined;
    }, PAGE_MS, 'the chosen donation amount');
    expect(await checkout.amount()).toBe(server.amount.decimal);
    expect(BigInt(server.amount.atomic)).toBeGreaterThan(BigInt(session.amount.atomic));
    await expect(checkout.byTestId(testIds.checkout.fiat).textContent()).resolves.toContain('25.00');
    await browser.screenshot('donation-chosen');
  });
});

describe('dashboard', () => {
  it('signs in with the key, lists the API-made session, shows a new key once, logs out, and refuses a wrong key', async () => {
    const session = await newSession({ amount: { value: '7.50', currency: 'USD' }, metadata: { orderId: 'browser-1' } });
    // The dashboard lists from the session list projection: wait until it has the session.
    await eventually(async () => {
      const list = await http<{ data: { id: string }[] }>('GET', '/api/v1/checkout_sessions?limit=10', { key: merchant.key });
      return list.body.data.some((row) => row.id === session.id) ? true : undefined;
    }, PAGE_MS, 'the session in the list');

    const dashboard = new DashboardPage(browser.page, gatewayUrl);
    await dashboard.signIn(merchant.key);
    expect(await dashboard.mode()).toBe('test');
    await browser.screenshot('dashboard-overview');

    await dashboard.open('transactions');
    const row = dashboard.transactionRow(session.id);
    await row.waitFor();
    await expect(row.locator('[data-value="pending"]').textContent()).resolves.toBe('Pending');
    await expect(row.textContent()).resolves.toContain('7.50');
    await browser.screenshot('dashboard-transactions');

    const secret = await dashboard.createApiKey('Browser-made key');
    expect(secret).toMatch(/^sk_test_/);
    await browser.screenshot('dashboard-key-created');
    await dashboard.byTestId(testIds.apiKeys.dismiss).click();
    await dashboard.byTestId(testIds.apiKeys.secret).waitFor({ state: 'detached' });
    const keyRow = browser.page.locator('[data-testid^="apikey-row-"]', { hasText: 'Browser-made key' });
    await keyRow.waitFor();
    const rowText = (await keyRow.textContent()) ?? '';
    expect(rowText).toContain(secret.slice(0, 'sk_test_'.length));
    expect(rowText).toContain(secret.slice(-4));
    expect(rowText).not.toContain(secret);
    expect(await browser.page.content()).not.toContain(secret);
    await browser.screenshot('dashboard-keys');

    // Every other page renders against the real API without an error.
    await dashboard.open('transactions');
    expect(await dashboard.openSession(session.id)).toBe('pending');
    await expect(dashboard.byTestId(testIds.drawer.root).textContent()).resolves.toContain('browser-1');
    await browser.screenshot('dashboard-session-drawer');
    await dashboard.byTestId(testIds.drawer.close).click();
    for (const tab of ['webhooks', 'wallets', 'settings'] as const) {
      await dashboard.open(tab);
      await browser.page.locator('main.page h1').waitFor();
      await settled(browser);
      expect(await dashboard.byTestId(testIds.notice.error).count()).toBe(0);
      await browser.screenshot(`dashboard-${tab}`);
    }
    await dashboard.byTestId(testIds.settings.events).getByText('session.created').first().waitFor();
    await expect(dashboard.byTestId(testIds.settings.maskedKey).textContent()).resolves.toBe(`sk_test_…${merchant.key.slice(-4)}`);

    await dashboard.logOut();
    await browser.screenshot('dashboard-signed-out');

    await dashboard.byTestId(testIds.signIn.key).fill(`sk_test_${'x'.repeat(32)}`);
    await dashboard.byTestId(testIds.signIn.submit).click();
    const error = dashboard.byTestId(testIds.signIn.error);
    await error.waitFor();
    expect(await error.textContent()).toMatch(/not accepted/i);
    expect(await dashboard.byTestId(testIds.nav.logout).count()).toBe(0);
    await browser.screenshot('dashboard-wrong-key');
  });
});

describe('the pages', () => {
  it('threw no errors and loaded every asset', () => {
    expect(browser.problems).toEqual([]);
  });
});
