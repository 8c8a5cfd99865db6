import type { AssetConfig, ChainConfig, RateSource } from '@opencheckout/chain';
import { ValidationError } from '@opencheckout/errors';

export interface ChainEntry {
  chain: ChainConfig;
  rates: RateSource;
}

/** The configured chains and their assets; test keys see test chains only, live keys live chains only. */
export class ChainCatalog {
  constructor(private readonly entries: ChainEntry[]) {}

  resolve(livemode: boolean, chainId: number | undefined, assetCode: string | undefined): {
    chain: ChainConfig;
    asset: AssetConfig;
    rates: RateSource;
  } {
    const mode = livemode ? 'live' : 'test';
    const candidates = this.entries.filter((entry) => entry.chain.mode === mode);
    if (candidates.length === 0) {
      throw new ValidationError(`No ${mode}-mode chain is configured on this instance.`, {
        code: 'chain_unavailable',
        param: 'chain',
      });
    }
    const entry =
      chainId === undefined ? candidates[0]! : candidates.find((candidate) => candidate.chain.id === chainId);
    if (entry === undefined) {
      throw new ValidationError(`Chain ${chainId} is not available in ${mode} mode.`, {
        code: 'chain_unavailable',
        param: 'chain',
      });
    }
    const usable = entry.chain.assets.filter((asset) => asset.type === 'native' || asset.address !== undefined);
    const code = assetCode?.toUpperCase();
    const asset = code === undefined || code === '' ? usable[0] : usable.find((candidate) => candidate.code === code);
    if (asset === undefined) {
      throw new ValidationError(`Asset ${assetCode} is not available on chain ${entry.chain.id}.`, {
        code: 'asset_unavailable',
        param: 'asset',
      });
    }
    return { chain: entry.chain, asset, rates: entry.rates };
  }

  chains(): ChainConfig[] {
    return this.entries.map((entry) => entry.chain);
  }
}
