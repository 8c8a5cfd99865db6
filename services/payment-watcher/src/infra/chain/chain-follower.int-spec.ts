import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createPublicClient, createWalletClient, http, parseEther, webSocket, type Account, type Address, type Chain, type Hash, type PublicClient, type Transport, type WalletClient } from 'viem';
import { generatePrivateKey, mnemonicToAccount, privateKeyToAddress } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { deployTestToken, testTokenAbi } from '@opencheckout/chain';
import { ANVIL_MNEMONIC, startAnvil, type AnvilInstance } from '@opencheckout/chain/testing';
import type { ObservedTransfer } from '../../domain/observed-transfer.js';
import { WatchedAddressSet } from '../../domain/watched-addresses.js';
import { ChainFollower, type ChainFollowerParameters } from './chain-follower.js';
import { InMemoryCursorStore } from './in-memory-cursor-store.js';

jest.setTimeout(60_000);

async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

class Recorder {
  events: string[] = [];
  detected: ObservedTransfer[] = [];
  confirmed: { transfer: ObservedTransfer; confirmations: number }[] = [];
  reverted: { transfer: ObservedTransfer; wasConfirmed: boolean }[] = [];
  handlers = {
    detected: (t: ObservedTransfer) => {
      this.detected.push(t);
      this.events.push(`detected ${t.id}`);
    },
    confirmed: (t: ObservedTransfer, confirmations: number) => {
      this.confirmed.push({ transfer: t, confirmations });
      this.events.push(`confirmed ${t.id} ${confirmations}`);
    },
    reverted: (t: ObservedTransfer, info: { wasConfirmed: boolean }) => {
      this.reverted.push({ transfer: t, ...info });
      this.events.push(`reverted ${t.id}`);
    },
  };
}

describe('ChainFollower on anvil', () => {
  let anvil: AnvilInstance;
  let client: PublicClient;
  let usdc: Address;
  const account = mnemonicToAccount(ANVIL_MNEMONIC);
  const followers: ChainFollower[] = [];
  let wallet: WalletClient<Transport, Chain, Account>;

  beforeAll(async () => {
    anvil = await startAnvil();
    const chain = { ...foundry, rpcUrls: { default: { http: [anvil.rpcUrl] } } };
    client = createPublicClient({ chain, transport: http(anvil.rpcUrl), pollingInterval: 50 }) as PublicClient;
    wallet = createWalletClient({ account, chain, transport: http(anvil.rpcUrl) });
    usdc = await deployTestToken(wallet);
    await wallet.writeContract({ address: usdc, abi: testTokenAbi, functionName: 'mint', args: [account.address, 10n ** 12n] });
  }, 60_000);

  afterEach(async () => {
    await Promise.all(followers.splice(0).map((f) => f.stop()));
  });
  afterAll(async () => anvil?.stop());

  const rpc = (method: string, params: unknown[] = []) => client.request({ method: method as never, params: params as never });
  const mine = (n: number) => rpc('anvil_mine', [`0x${n.toString(16)}`]);
  const head = () => client.getBlockNumber({ cacheTime: 0 });

  async function payNative(to: Address, value: bigint): Promise<Hash> {
    const hash = await wallet.sendTransaction({ to, value });
    await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    return hash;
  }
  async function payToken(to: Address, value: bigint): Promise<Hash> {
    const hash = await wallet.writeContract({ address: usdc, abi: testTokenAbi, functionName: 'transfer', args: [to, value] });
    await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    return hash;
  }

  async function follow(recorder: Recorder, parameters: Partial<ChainFollowerParameters> & { watched: WatchedAddressSet }) {
    const follower = new ChainFollower({
      chainId: anvil.chainId,
      client,
      cursorStore: new InMemoryCursorStore(),
      nativeAsset: 'ETH',
      tokens: new Map([[usdc.toLowerCase(), 'USDC']]),
      confirmations: 3,
      handlers: recorder.handlers,
      pollingIntervalMs: 50,
      startBlock: (await head()) + 1n,
      ...parameters,
    });
    followers.push(follower);
    await follower.start();
    return follower;
  }

  const fresh = () => privateKeyToAddress(generatePrivateKey());

  it('detects a native payment and confirms it at depth 3, once', async () => {
    const to = fresh();
    const recorder = new Recorder();
    const follower = await follow(recorder, { watched: new WatchedAddressSet([to, fresh()]) });
    const hash = await payNative(to, parseEther('0.0184'));
    const paidIn = (await client.getTransactionReceipt({ hash })).blockNumber;
    await waitFor(() => recorder.detected.length === 1, 'detection');
    expect(recorder.detected[0]).toMatchObject({ txHash: hash, to: to.toLowerCase(), asset: 'ETH', amount: parseEther('0.0184'), blockNumber: paidIn, logIndex: null });
    expect(recorder.confirmed).toEqual([]);
    await mine(1);
    await waitFor(() => follower.tip?.number === paidIn + 1n, 'block +1');
    expect(recorder.confirmed).toEqual([]);
    await mine(1);
    await waitFor(() => recorder.confirmed.length === 1, 'confirmation');
    expect(recorder.confirmed[0]!.confirmations).toBe(3);
    expect(recorder.confirmed[0]!.transfer.id).toBe(recorder.detected[0]!.id);
    await mine(5);
    await waitFor(() => follower.tip?.number === paidIn + 7n, 'more blocks');
    expect(recorder.events).toEqual([`detected ${recorder.detected[0]!.id}`, `confirmed ${recorder.detected[0]!.id} 3`]);
  });

  it('detects an ERC-20 payment of a configured token and ignores unwatched ones', async () => {
    const to = fresh();
    const recorder = new Recorder();
    await follow(recorder, { watched: new WatchedAddressSet([to]) });
    await payToken(fresh(), 1_000_000n);
    const hash = await payToken(to, 50_000_000n);
    await payNative(fresh(), 1n);
    await mine(2);
    await waitFor(() => recorder.confirmed.length === 1, 'confirmation');
    expect(recorder.detected).toHaveLength(1);
    expect(recorder.detected[0]).toMatchObject({ txHash: hash, asset: 'USDC', tokenAddress: usdc.toLowerCase(), amount: 50_000_000n, from: account.address.toLowerCase() });
    expect(recorder.detected[0]!.logIndex).not.toBeNull();
  });

  it('reverts a detected payment removed by a reorg of depth 2 and rewinds to the fork', async () => {
    const to = fresh();
    const recorder = new Recorder();
    const follower = await follow(recorder, { watched: new WatchedAddressSet([to]) });
    const forkBlock = await head();
    const snapshot = await rpc('evm_snapshot');
    await payNative(to, 123n); // forkBlock + 1
    await mine(1); // forkBlock + 2
    await waitFor(() => follower.tip?.number === forkBlock + 2n, 'the doomed blocks');
    expect(recorder.detected).toHaveLength(1);
    const doomedHash = follower.tip!.hash;

    await rpc('evm_revert', [snapshot]);
    await mine(3); // a longer replacement chain without the payment
    await waitFor(() => follower.tip?.number === forkBlock + 3n, 'the replacement chain');
    expect(follower.tip!.hash).not.toBe(doomedHash);
    expect(recorder.reverted.map((r) => [r.transfer.id, r.wasConfirmed])).toEqual([[recorder.detected[0]!.id, false]]);
    await mine(3);
    await waitFor(() => follower.tip?.number === forkBlock + 6n, 'more blocks');
    expect(recorder.confirmed).toEqual([]);
  });

  it('reorg via anvil_reorg: the payment block replaced, reported reverted, reports agree with the canonical chain', async () => {
    const to = fresh();
    const recorder = new Recorder();
    const follower = await follow(recorder, { watched: new WatchedAddressSet([to]) });
    const hash = await payNative(to, 777n);
    await mine(1);
    const before = await head();
    await waitFor(() => follower.tip?.number === before, 'the first chain');
    const first = recorder.detected[0]!;
    expect(first.txHash).toBe(hash);
    // Replace the last 2 blocks; the new branch holds no transactions.
    await rpc('anvil_reorg', [2, []]);
    await mine(1);
    await waitFor(() => recorder.reverted.length === 1, 'the revert');
    expect(recorder.reverted[0]!.transfer.blockHash).toBe(first.blockHash);
    await waitFor(() => follower.tip?.number === before + 1n, 'the new tip');
    // Every reported transfer lines up: reverted ones are exactly the ones no longer canonical.
    for (const t of recorder.detected) {
      const canonical = await client.getBlock({ blockNumber: t.blockNumber });
      const isReverted = recorder.reverted.some((r) => r.transfer.id === t.id && r.transfer.blockHash === t.blockHash);
      expect(canonical.hash === t.blockHash).toBe(!isReverted);
    }
  });

  it('resumes from its cursor after 20 blocks of downtime and finds every transfer once', async () => {
    const watchedList = Array.from({ length: 6 }, fresh);
    const watched = new WatchedAddressSet(watchedList);
    const cursorStore = new InMemoryCursorStore();
    const recorder = new Recorder();
    const first = await follow(recorder, { watched, cursorStore });
    await payNative(watchedList[0]!, 1n);
    await waitFor(() => recorder.detected.length === 1, 'the first payment');
    await first.stop();
    const stoppedAt = first.tip!.number;

    const expected = new Set<Hash>();
    const downtimeStart = await head();
    for (let i = 0; i < 5; i++) {
      expected.add(await payNative(watchedList[(i % 5) + 1]!, BigInt(1000 + i)));
      expected.add(await payToken(watchedList[i % 6]!, BigInt(2000 + i)));
      await mine(2);
    }
    expect((await head()) - downtimeStart).toBe(20n);

    const second = await follow(recorder, { watched, cursorStore, startBlock: 'latest', batchSize: 7 });
    const end = await head();
    await waitFor(() => second.tip?.number === end, 'catch-up');
    expect(second.tip!.number - stoppedAt).toBeGreaterThanOrEqual(20n);
    const ids = recorder.detected.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(recorder.detected).toHaveLength(11);
    expect(new Set(recorder.detected.slice(1).map((t) => t.txHash))).toEqual(expected);
    // All but those in the last two blocks are confirmed, each once.
    const confirmedIds = recorder.confirmed.map((c) => c.transfer.id);
    expect(new Set(confirmedIds).size).toBe(confirmedIds.length);
    const deepEnough = recorder.detected.filter((t) => end - t.blockNumber + 1n >= 3n).map((t) => t.id);
    expect(confirmedIds.sort()).toEqual(deepEnough.sort());
  });

  it('wakes on new heads over WebSocket', async () => {
    const to = fresh();
    const recorder = new Recorder();
    const wsClient = createPublicClient({ chain: foundry, transport: webSocket(anvil.wsUrl, { reconnect: false }) }) as PublicClient;
    try {
      // A polling interval far beyond the test timeout: only the subscription can drive the follower.
      const follower = await follow(recorder, { watched: new WatchedAddressSet([to]), wsClient, pollingIntervalMs: 10 * 60_000 });
      const hash = await payNative(to, 5n);
      const paidIn = (await client.getTransactionReceipt({ hash })).blockNumber;
      // The subscription is set up asynchronously: keep making heads until one is seen.
      const deadline = Date.now() + 20_000;
      while (!follower.tip || follower.tip.number < paidIn + 2n) {
        if (Date.now() > deadline) throw new Error('no head arrived over ws');
        await mine(1);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await waitFor(() => recorder.confirmed.length === 1, 'confirmation over ws');
      expect(recorder.detected.map((t) => t.txHash)).toEqual([hash]);
    } finally {
      await Promise.all(followers.splice(0).map((f) => f.stop()));
      (await wsClient.transport.getRpcClient()).close();
    }
  });
});
