import type { Locator, Page } from 'playwright-core';
import { testIds } from '../src/test-ids.js';

export type DashboardTab = 'overview' | 'transactions' | 'keys' | 'webhooks' | 'wallets' | 'settings';

/** Drives the merchant dashboard through its data-testid hooks only. */
export class DashboardPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  async signIn(apiKey: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/dashboard`);
    await this.byTestId(testIds.signIn.key).fill(apiKey);
    await this.byTestId(testIds.signIn.submit).click();
    await this.byTestId(testIds.nav.logout).waitFor();
  }

  async logOut(): Promise<void> {
    await this.byTestId(testIds.nav.logout).click();
    await this.byTestId(testIds.signIn.form).waitFor();
  }

  /** 'test' or 'live', from the badge in the top bar. */
  async mode(): Promise<string | null> {
    return this.byTestId(testIds.nav.mode).getAttribute('data-mode');
  }

  async open(tab: DashboardTab): Promise<void> {
    await this.byTestId(testIds.nav.tab(tab)).click();
  }

  transactionRow(sessionId: string): Locator {
    return this.byTestId(testIds.transactions.row(sessionId));
  }

  async filterTransactions(filters: { status?: string; from?: string; to?: string; minAmount?: string; maxAmount?: string }): Promise<void> {
    const t = testIds.transactions;
    if (filters.status !== undefined) await this.byTestId(t.status).selectOption(filters.status);
    if (filters.from !== undefined) await this.byTestId(t.from).fill(filters.from);
    if (filters.to !== undefined) await this.byTestId(t.to).fill(filters.to);
    if (filters.minAmount !== undefined) await this.byTestId(t.minAmount).fill(filters.minAmount);
    if (filters.maxAmount !== undefined) await this.byTestId(t.maxAmount).fill(filters.maxAmount);
    await this.byTestId(t.apply).click();
  }

  /** Opens the detail drawer and answers the status value shown there. */
  async openSession(sessionId: string): Promise<string | null> {
    await this.transactionRow(sessionId).click();
    const status = this.byTestId(testIds.drawer.status);
    await status.waitFor();
    return status.getAttribute('data-value');
  }

  /** Creates an API key and answers the secret from the one-time notice. */
  async createApiKey(name: string): Promise<string> {
    await this.open('keys');
    await this.byTestId(testIds.apiKeys.name).fill(name);
    await this.byTestId(testIds.apiKeys.create).click();
    const secret = this.byTestId(testIds.apiKeys.secret);
    await secret.waitFor();
    return (await secret.textContent())?.trim() ?? '';
  }

  async revokeApiKey(id: string): Promise<void> {
    this.page.once('dialog', (dialog) => void dialog.accept());
    await this.byTestId(testIds.apiKeys.revoke(id)).click();
    await this.page.locator(`[data-testid="${testIds.apiKeys.status(id)}"][data-value="revoked"]`).waitFor();
  }

  /** Adds a webhook endpoint and answers its signing secret from the one-time notice. */
  async addWebhookEndpoint(url: string, events: string[] = ['session.paid']): Promise<string> {
    await this.open('webhooks');
    await this.byTestId(testIds.webhooks.url).fill(url);
    for (const type of ['session.paid', ...events]) {
      await this.byTestId(testIds.webhooks.event(type)).setChecked(events.includes(type));
    }
    await this.byTestId(testIds.webhooks.create).click();
    const secret = this.byTestId(testIds.webhooks.secret);
    await secret.waitFor();
    return (await secret.textContent())?.trim() ?? '';
  }

  async sendTestEvent(endpointId: string, type = 'session.paid'): Promise<void> {
    await this.byTestId(testIds.webhooks.testType(endpointId)).selectOption(type);
    await this.byTestId(testIds.webhooks.test(endpointId)).click();
  }

  delivery(deliveryId: string): Locator {
    return this.byTestId(testIds.webhooks.delivery(deliveryId));
  }
}
