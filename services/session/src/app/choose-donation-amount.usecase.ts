import { fiatDecimals, fiatToAtomic } from '@opencheckout/chain';
import { SessionMode, type CheckoutSessionView, type ChooseDonationAmountRequest } from '@opencheckout/contracts';
import { NotFoundError, ValidationError } from '@opencheckout/errors';
import type { ChangeSessionUseCase } from './change-session.usecase.js';
import type { SessionRepository } from './session-repository.js';

/** The buyer's page sets a donation's amount; it is converted at the quote locked when the session was created. */
export class ChooseDonationAmountUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly change: ChangeSessionUseCase,
    private readonly clock: () => Date,
  ) {}

  async execute(request: ChooseDonationAmountRequest): Promise<CheckoutSessionView> {
    const loaded = await this.sessions.load(request.sessionId);
    if (loaded === null) throw new NotFoundError('checkout session', request.sessionId);
    const view = loaded.view;
    if (view.mode !== SessionMode.DONATION) {
      throw new ValidationError('Only donation sessions let the buyer choose the amount.', { code: 'session_not_donation' });
    }
    const amount = request.amount;
    const currency = view.fiat?.currency ?? '';
    if (amount === undefined || amount.currency.toLowerCase() !== currency.toLowerCase()) {
      throw new ValidationError(`The amount must be in ${currency.toUpperCase()}.`, { param: 'amount[currency]', code: 'currency_mismatch' });
    }
    const minor = BigInt(amount.amountMinor || '0');
    if (minor <= 0n) throw new ValidationError('The amount must be greater than zero.', { param: 'amount[value]', code: 'amount_too_small' });
    const quote = view.quote!;
    const amountDueAtomic = fiatToAtomic({
      amountMinor: minor,
      fiatDecimals: fiatDecimals(currency.toUpperCase()),
      rate: { numerator: BigInt(quote.rateNumerator), denominator: BigInt(quote.rateDenominator) },
      assetDecimals: view.asset?.decimals ?? 18,
    });
    const now = this.clock();
    return this.change.execute(
      request.sessionId,
      { kind: 'choose_amount', fiat: { ...amount, currency: currency.toLowerCase() }, amountDueAtomic, at: now.getTime() },
      { occurredAt: now.toISOString() },
    );
  }
}
