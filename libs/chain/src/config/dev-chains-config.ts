import type { ChainConfig } from './chain-config.js';
import { validateChainsConfig } from './parse-chains-config.js';

export const ANVIL_CHAIN_ID = 31337;

export interface DevChainsConfigParameters {
  rpcHttp?: string;
  rpcWs?: string;
  /** The test USDC once deployed (deployTestToken); without it USDC is listed but not watched. */
  usdcAddress?: string;
  confirmations?: number;
  /** Fixed ETH price for local runs, decimal string in USD. */
  ethUsd?: string;
}

/** The built-in local chain: anvil, test mode, ETH at a fixed price and a 6-decimal test USDC. */
export function devChainsConfig(parameters: DevChainsConfigParameters = {}): ChainConfig[] {
  const rpcHttp = parameters.rpcHttp ?? 'http://127.0.0.1:8545';
  return validateChainsConfig(
    [
      {
        id: ANVIL_CHAIN_ID,
        name: 'Anvil (local)',
        rpcHttp,
        ...(parameters.rpcWs ? { rpcWs: parameters.rpcWs } : {}),
        confirmations: parameters.confirmations ?? 3,
        mode: 'test',
        blockTimeHint: 1,
        assets: [
          {
            code: 'ETH',
            symbol: 'ETH',
            decimals: 18,
            type: 'native',
            rateSource: { type: 'fixed', rates: { USD: parameters.ethUsd ?? '2000', EUR: '1850', GBP: '1600', JPY: '300000' } },
          },
          {
            code: 'USDC',
            symbol: 'USDC',
            decimals: 6,
            type: 'erc20',
            ...(parameters.usdcAddress ? { address: parameters.usdcAddress } : {}),
            rateSource: { type: 'stablecoin', currency: 'USD' },
          },
        ],
      },
    ],
    'devChainsConfig',
  );
}
