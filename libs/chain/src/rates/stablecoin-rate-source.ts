import { systemClock, type Clock, type Quote, type RateSource } from './rate-source.js';
import { unsupportedPair } from './rate-unavailable.js';

/**
 * Stablecoins priced 1:1 in the currency they track (USDC → USD). Other
 * currencies are refused rather than converted: a cross rate needs a real source.
 */
export class StablecoinRateSource implements RateSource {
  constructor(
    private readonly pegs: Record<string, string>,
    private readonly clock: Clock = systemClock,
  ) {}

  async quote(asset: string, fiatCurrency: string): Promise<Quote> {
    const peg = this.pegs[asset];
    if (!peg || peg.toUpperCase() !== fiatCurrency.toUpperCase()) throw unsupportedPair(asset, fiatCurrency);
    return { numerator: 1n, denominator: 1n, source: `stablecoin:${peg.toUpperCase()}`, quotedAt: this.clock() };
  }
}
