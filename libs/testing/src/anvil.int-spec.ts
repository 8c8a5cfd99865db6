import { describe, it, expect } from '@jest/globals';
import { createPublicClient, http } from 'viem';
import { probeTcp, waitFor } from '../../../scripts/infra/net.mjs';
import { startAnvil } from './anvil.js';

describe('startAnvil', () => {
  it('starts a chain with the requested id and stops it', async () => {
    const anvil = await startAnvil({ chainId: 4242 });
    const port = Number(new URL(anvil.rpcUrl).port);
    try {
      const client = createPublicClient({ transport: http(anvil.rpcUrl) });
      expect(await client.getChainId()).toBe(4242);
      expect(anvil.chainId).toBe(4242);
      expect(anvil.wsUrl).toBe(`ws://127.0.0.1:${port}`);
    } finally {
      await anvil.stop();
    }
    expect(await probeTcp('127.0.0.1', port)).toBe(false);
  }, 30_000);

  it('mines on its own with a block time', async () => {
    const anvil = await startAnvil({ blockTime: 1 });
    try {
      const client = createPublicClient({ transport: http(anvil.rpcUrl), cacheTime: 0 });
      const first = await client.getBlockNumber();
      await waitFor(async () => (await client.getBlockNumber()) >= first + 2n, { timeoutMs: 15_000, what: 'two new blocks' });
    } finally {
      await anvil.stop();
    }
  }, 30_000);

  it('gives two chains in one worker different ports', async () => {
    const [a, b] = await Promise.all([startAnvil(), startAnvil()]);
    try {
      expect(a.rpcUrl).not.toBe(b.rpcUrl);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 30_000);
});
