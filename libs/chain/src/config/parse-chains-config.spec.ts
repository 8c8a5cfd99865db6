import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '@opencheckout/errors';
import { ChainConfig } from './chain-config.js';
import { devChainsConfig } from './dev-chains-config.js';
import { parseChainsConfig } from './parse-chains-config.js';

const base = {
  id: 8453,
  name: 'Base',
  rpcHttp: 'https://mainnet.base.org',
  rpcWs: 'wss://base.example/ws',
  mode: 'live',
  blockTimeHint: 2,
  assets: [
    { code: 'ETH', symbol: 'ETH', decimals: 18, type: 'native', rateSource: { type: 'chainlink', feeds: { USD: '0x71041dddad3595F9CEd3DcCFBe3D1F4b0a16Bb70' } } },
    {
      code: 'USDC',
      symbol: 'USDC',
      decimals: 6,
      type: 'erc20',
      address: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913',
      rateSource: { type: 'stablecoin', currency: 'USD' },
    },
  ],
};

function problemsOf(value: unknown): string {
  try {
    parseChainsConfig(JSON.stringify(value));
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseChainsConfig', () => {
  it('parses a valid list and applies defaults', () => {
    const [chain] = parseChainsConfig(JSON.stringify([base]));
    expect(chain).toBeInstanceOf(ChainConfig);
    expect(chain!.confirmations).toBe(3);
    expect(chain!.assets[1]!.address).toBe('0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913');
    expect(chain!.assets[0]!.rateSource.feeds).toEqual({ USD: '0x71041dddad3595F9CEd3DcCFBe3D1F4b0a16Bb70' });
  });

  it('names every fault by path', () => {
    const message = problemsOf([
      {
        ...base,
        rpcHttp: 'ftp://x',
        confirmations: 0,
        mode: 'prod',
        assets: [
          { ...base.assets[0], decimals: 99, rateSource: { type: 'http', url: 'not a url' } },
          { ...base.assets[1], address: '0x123' },
        ],
      },
    ]);
    for (const path of ['[0].rpcHttp', '[0].confirmations', '[0].mode', '[0].assets.0.decimals', '[0].assets.0.rateSource.url', '[0].assets.0.rateSource.path', '[0].assets.1.address']) {
      expect(message).toContain(path);
    }
  });

  it('rejects duplicates, two natives, unknown fields, bad JSON and empty lists', () => {
    expect(problemsOf([base, base])).toContain('appears twice');
    expect(problemsOf([{ ...base, assets: [base.assets[0], { ...base.assets[0], code: 'ETH2' }] }])).toContain('at most one native');
    expect(problemsOf([{ ...base, extra: 1 }])).toContain('extra');
    expect(problemsOf([{ ...base, assets: [{ ...base.assets[0], rateSource: { type: 'fixed', rates: { USD: '1e3' } } }] }])).toContain('rates');
    expect(problemsOf([])).toContain('non-empty');
    expect(() => parseChainsConfig('{')).toThrow(ValidationError);
  });

  it('has a dev default for anvil', () => {
    const [anvil] = devChainsConfig({ usdcAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3' });
    expect(anvil!.id).toBe(31337);
    expect(anvil!.mode).toBe('test');
    expect(anvil!.assets.map((a) => `${a.code}:${a.type}:${a.decimals}`)).toEqual(['ETH:native:18', 'USDC:erc20:6']);
    expect(anvil!.assets[1]!.address).toBe('0x5FbDB2315678afecb367f032d93F642f64180aa3');
    expect(devChainsConfig()[0]!.assets[1]!.address).toBeUndefined();
  });
});
