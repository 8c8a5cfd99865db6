import type { Address, PublicClient } from 'viem';
import type { AssetConfig } from '../config/chain-config.js';
import { ChainlinkRateSource } from './chainlink-rate-source.js';
import { FixedRateSource } from './fixed-rate-source.js';
import { HttpRateSource } from './http-rate-source.js';
import { systemClock, type Clock, type Quote, type RateSource } from './rate-source.js';
import { unsupportedPair } from './rate-unavailable.js';
import { StablecoinRateSource } from './stablecoin-rate-source.js';

export interface RateSourceFromConfigParameters {
  assets: readonly AssetConfig[];
  /** Needed when an asset uses a chainlink feed (the feed is read on this chain). */
  client?: Pick<PublicClient, 'readContract'>;
  fetch?: typeof fetch;
  clock?: Clock;
}

/** One RateSource for a chain's assets, each answered by the source its config names. */
export function rateSourceFromConfig({ assets, client, fetch, clock = systemClock }: RateSourceFromConfigParameters): RateSource {
  const byAsset = new Map<string, RateSource>();
  for (const asset of assets) {
    const config = asset.rateSource;
    switch (config.type) {
      case 'fixed':
        byAsset.set(asset.code, new FixedRateSource({ [asset.code]: config.rates ?? {} }, clock));
        break;
      case 'stablecoin':
        byAsset.set(asset.code, new StablecoinRateSource({ [asset.code]: config.currency! }, clock));
        break;
      case 'chainlink':
        if (!client) throw new Error(`Asset ${asset.code} prices from a chainlink feed: a chain client is required.`);
        byAsset.set(
          asset.code,
          new ChainlinkRateSource({
            client,
            feeds: { [asset.code]: config.feeds as Record<string, Address> },
            maxAgeSeconds: config.maxAgeSeconds,
            clock,
          }),
        );
        break;
      case 'http':
        byAsset.set(
          asset.code,
          new HttpRateSource({ endpoints: { [asset.code]: { url: config.url!, path: config.path! } }, fetch, clock }),
        );
        break;
    }
  }
  return {
    quote(asset: string, fiatCurrency: string): Promise<Quote> {
      const source = byAsset.get(asset);
      return source ? source.quote(asset, fiatCurrency) : Promise.reject(unsupportedPair(asset, fiatCurrency));
    },
  };
}
