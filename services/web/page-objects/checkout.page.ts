import type { Locator, Page } from 'playwright-core';
import { testIds } from '../src/test-ids.js';

/** Drives the hosted checkout page (/checkout/:id) through its data-testid hooks only. */
export class CheckoutPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  async open(sessionId: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/checkout/${encodeURIComponent(sessionId)}`);
    await this.page.locator(`[data-testid="${testIds.checkout.root}"], [data-testid="${testIds.checkout.notFound}"]`).first().waitFor();
  }

  /** The session status the page shows (pending, detected, paid, underpaid, …). */
  async status(): Promise<string | null> {
    return this.byTestId(testIds.checkout.root).getAttribute('data-status');
  }

  /** Waits until the page shows `status`; the page updates itself by stream or polling. */
  async waitForStatus(status: string, timeoutMs = 60_000): Promise<void> {
    await this.page.locator(`[data-testid="${testIds.checkout.root}"][data-status="${status}"]`).waitFor({ timeout: timeoutMs });
  }

  async address(): Promise<string> {
    return ((await this.byTestId(testIds.checkout.address).textContent()) ?? '').trim();
  }

  /** The exact crypto amount to send, as a decimal string. */
  async amount(): Promise<string> {
    return (await this.byTestId(testIds.checkout.amount).getAttribute('data-value')) ?? '';
  }

  /** The EIP-681 URI encoded in the QR code. */
  async paymentUri(): Promise<string> {
    return (await this.byTestId(testIds.checkout.qr).getAttribute('data-value')) ?? '';
  }

  async confirmations(): Promise<{ current: number; required: number }> {
    const counter = this.byTestId(testIds.checkout.confirmations);
    return {
      current: Number(await counter.getAttribute('data-current')),
      required: Number(await counter.getAttribute('data-required')),
    };
  }

  async countdown(): Promise<string> {
    return ((await this.byTestId(testIds.checkout.countdown).textContent()) ?? '').trim();
  }

  /** Donation mode: chooses the amount; answers the validation message if the page refused it. */
  async chooseDonation(value: string): Promise<string | null> {
    await this.byTestId(testIds.checkout.donationInput).fill(value);
    await this.byTestId(testIds.checkout.donationSubmit).click();
    const error = this.byTestId(testIds.checkout.donationError);
    const qr = this.byTestId(testIds.checkout.qr);
    await error.or(qr).first().waitFor();
    return (await error.isVisible()) ? ((await error.textContent()) ?? '').trim() : null;
  }

  successLink(): Locator {
    return this.byTestId(testIds.checkout.successLink);
  }
}
