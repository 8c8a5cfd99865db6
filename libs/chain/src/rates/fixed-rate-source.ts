import { decimalStringToRate } from '../amounts/decimal-string-to-rate.js';
import type { Rate } from '../amounts/rate.js';
import { systemClock, type Clock, type Quote, type RateSource } from './rate-source.js';
import { unsupportedPair } from './rate-unavailable.js';

/** Prices from config: asset code → fiat code → decimal string ("2000.50"). For tests and local runs. */
export class FixedRateSource implements RateSource {
  private readonly rates = new Map<string, Rate>();

  constructor(
    rates: Record<string, Record<string, string>>,
    private readonly clock: Clock = systemClock,
  ) {
    for (const [asset, byFiat] of Object.entries(rates)) {
      for (const [fiat, value] of Object.entries(byFiat)) {
        this.rates.set(`${asset}/${fiat.toUpperCase()}`, decimalStringToRate(value, `rates.${asset}.${fiat}`));
      }
    }
  }

  async quote(asset: string, fiatCurrency: string): Promise<Quote> {
    const rate = this.rates.get(`${asset}/${fiatCurrency.toUpperCase()}`);
    if (!rate) throw unsupportedPair(asset, fiatCurrency);
    return { ...rate, source: 'fixed', quotedAt: this.clock() };
  }
}
