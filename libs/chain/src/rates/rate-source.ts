/** A price: `numerator / denominator` fiat major units per one whole asset unit, exact. */
export interface Quote {
  numerator: bigint;
  denominator: bigint;
  /** Which source answered, for the audit trail ("fixed", "chainlink:0x…", "http:host"). */
  source: string;
  /** When the price was observed (the feed's update time where there is one). */
  quotedAt: Date;
}

/** Every price provider answers the same question. `asset` is an asset code ("ETH"), `fiatCurrency` ISO 4217. */
export interface RateSource {
  quote(asset: string, fiatCurrency: string): Promise<Quote>;
}

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
