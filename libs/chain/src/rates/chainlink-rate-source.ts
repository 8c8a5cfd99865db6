import type { Address, PublicClient } from 'viem';
import { aggregatorV3Abi } from './aggregator-v3-abi.js';
import { systemClock, type Clock, type Quote, type RateSource } from './rate-source.js';
import { rateUnavailable, unsupportedPair } from './rate-unavailable.js';

export interface ChainlinkRateSourceParameters {
  client: Pick<PublicClient, 'readContract'>;
  /** asset code → fiat code → AggregatorV3Interface address. */
  feeds: Record<string, Record<string, Address>>;
  /** Answers older than this are refused. Default 3600 s. */
  maxAgeSeconds?: number;
  clock?: Clock;
}

/** Prices from on-chain Chainlink-style feeds (`latestRoundData` scaled by `decimals`). */
export class ChainlinkRateSource implements RateSource {
  private readonly decimals = new Map<Address, number>();
  private readonly maxAgeSeconds: bigint;
  private readonly clock: Clock;

  constructor(private readonly parameters: ChainlinkRateSourceParameters) {
    this.maxAgeSeconds = BigInt(parameters.maxAgeSeconds ?? 3600);
    this.clock = parameters.clock ?? systemClock;
  }

  async quote(asset: string, fiatCurrency: string): Promise<Quote> {
    const fiat = fiatCurrency.toUpperCase();
    const feed = this.parameters.feeds[asset]?.[fiat];
    if (!feed) throw unsupportedPair(asset, fiatCurrency);
    let decimals: number;
    let round: readonly [bigint, bigint, bigint, bigint, bigint];
    try {
      [decimals, round] = await Promise.all([
        this.feedDecimals(feed),
        this.parameters.client.readContract({ address: feed, abi: aggregatorV3Abi, functionName: 'latestRoundData' }),
      ]);
    } catch (cause) {
      throw rateUnavailable(asset, fiat, 'the price feed could not be read', cause);
    }
    const [roundId, answer, , updatedAt, answeredInRound] = round;
    if (answer <= 0n) throw rateUnavailable(asset, fiat, 'the feed answered zero or less');
    if (updatedAt === 0n || answeredInRound < roundId) throw rateUnavailable(asset, fiat, 'the feed round is incomplete');
    const now = BigInt(Math.floor(this.clock().getTime() / 1000));
    if (now - updatedAt > this.maxAgeSeconds) throw rateUnavailable(asset, fiat, 'the feed answer is stale');
    return {
      numerator: answer,
      denominator: 10n ** BigInt(decimals),
      source: `chainlink:${feed}`,
      quotedAt: new Date(Number(updatedAt) * 1000),
    };
  }

  private async feedDecimals(feed: Address): Promise<number> {
    // Decimals of a feed never change: read once.
    const known = this.decimals.get(feed);
    if (known !== undefined) return known;
    const decimals = await this.parameters.client.readContract({ address: feed, abi: aggregatorV3Abi, functionName: 'decimals' });
    this.decimals.set(feed, decimals);
    return decimals;
  }
}
