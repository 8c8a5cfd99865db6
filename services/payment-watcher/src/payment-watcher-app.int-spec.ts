import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createPublicClient, createWalletClient, http, parseEther, type Account, type Address, type Chain, type Hash, type PublicClient, type Transport, type WalletClient } from 'viem';
import { generatePrivateKey, mnemonicToAccount, privateKeyToAddress } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { ClientProxyFactory, Transport as NestTransport, type ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { deployTestToken, testTokenAbi } from '@opencheckout/chain';
import { ANVIL_MNEMONIC, startAnvil, type AnvilInstance } from '@opencheckout/chain/testing';
import { startMicroservice } from '@opencheckout/nest-kit';
import { eventually, WatcherHarness } from '../test/watcher-harness.js';
import { PaymentWatcherModule } from './payment-watcher.module.js';
import type { PaymentWatcherApp } from './payment-watcher-app.js';

jest.setTimeout(120_000);

const CHAIN = 31337;

describe('payment-watcher on anvil, Postgres and JetStream', () => {
  let anvil: AnvilInstance;
  let client: PublicClient;
  let wallet: WalletClient<Transport, Chain, Account>;
  let usdc: Address;
  let harness: WatcherHarness;
  const account = mnemonicToAccount(ANVIL_MNEMONIC);

  const rpc = (method: string, params: unknown[] = []) => client.request({ method: method as never, params: params as never });
  const mine = (n: number) => rpc('anvil_mine', [`0x${n.toString(16)}`]);
  const head = () => client.getBlockNumber({ cacheTime: 0 });
  const fresh = () => privateKeyToAddress(generatePrivateKey());

  async function payNative(to: Address, value: bigint): Promise<{ hash: Hash; block: bigint }> {
    const hash = await wallet.sendTransaction({ to, value });
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    return { hash, block: receipt.blockNumber };
  }
  async function payToken(to: Address, value: bigint): Promise<{ hash: Hash; block: bigint }> {
    const hash = await wallet.writeContract({ address: usdc, abi: testTokenAbi, functionName: 'transfer', args: [to, value] });
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    return { hash, block: receipt.blockNumber };
  }

  /** The app follows the chain and has processed the current head. */
  async function following(app: PaymentWatcherApp): Promise<void> {
    const target = await head();
    await eventually(() => {
      const tip = app.supervisor.follower(CHAIN)?.tip?.number;
      return tip !== undefined && tip >= target;
    }, 'the follower to reach the head');
  }

  async function watchedSession(apps: PaymentWatcherApp[], spec: { address: Address; assetCode?: string; tokenAddress?: string; confirmationsRequired?: number }) {
    const sessionId = await harness.createSession({ chainId: CHAIN, ...spec });
    await eventually(() => apps.every((app) => app.index.get(CHAIN, spec.address)?.sessionId === sessionId), 'the watchers to know the session');
    return sessionId;
  }

  async function observedRows(txHash: string): Promise<{ status: string; amount: string; confirmations: number }[]> {
    const app = [...(harness as unknown as { apps: Set<PaymentWatcherApp> }).apps][0]!;
    return app.runtime.dataSource.query(
      'SELECT status, amount::text AS amount, confirmations FROM watcher.observed_payments WHERE tx_hash = $1 ORDER BY observed_at',
      [txHash.toLowerCase()],
    );
  }

  beforeAll(async () => {
    anvil = await startAnvil();
    const chain = { ...foundry, rpcUrls: { default: { http: [anvil.rpcUrl] } } };
    client = createPublicClient({ chain, transport: http(anvil.rpcUrl), pollingInterval: 20 }) as PublicClient;
    wallet = createWalletClient({ account, chain, transport: http(anvil.rpcUrl) });
    usdc = await deployTestToken(wallet);
    await wallet.writeContract({ address: usdc, abi: testTokenAbi, functionName: 'mint', args: [account.address, 10n ** 15n] });
    harness = await WatcherHarness.create({ CHAIN_RPC_URL: anvil.rpcUrl, DEV_USDC_ADDRESS: usdc });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
    await anvil?.stop();
  });

  describe('one replica', () => {
    let app: PaymentWatcherApp;
    beforeAll(async () => {
      app = await harness.startApp();
      await following(app);
    });
    afterAll(async () => harness.stopApp(app));

    it('emits payment.detected, then payment.confirmed when the block is 3 deep, with the block time', async () => {
      const to = fresh();
      const sessionId = await watchedSession([app], { address: to });
      const { hash, block } = await payNative(to, parseEther('0.0184'));
      const [detected] = await harness.waitForEvents('payment.detected', hash);
      const paidBlock = await client.getBlock({ blockNumber: block });
      expect(detected!.data).toMatchObject({
        sessionId,
        merchantId: 'mer_watcher_test',
        chainId: CHAIN,
        to: to.toLowerCase(),
        from: account.address.toLowerCase(),
        amountAtomic: parseEther('0.0184').toString(),
        logIndex: -1,
        blockHash: paidBlock.hash,
        asset: { assetCode: 'ETH' },
        blockTimestamp: new Date(Number(paidBlock.timestamp) * 1000).toISOString(),
      });
      expect(detected!.streamId).toBe(`payment-${CHAIN}-${hash.toLowerCase()}-native`);

      await mine(1);
      await eventually(() => (app.supervisor.follower(CHAIN)?.tip?.number ?? 0n) >= block + 1n, 'block +1');
      expect(harness.events('payment.confirmed', hash)).toEqual([]);
      await mine(1);
      const [confirmed] = await harness.waitForEvents('payment.confirmed', hash);
      expect(confirmed!.data).toMatchObject({ sessionId, confirmations: 3, blockHash: paidBlock.hash });
      await mine(3);
      await following(app);
      expect(harness.events('payment.detected', hash)).toHaveLength(1);
      expect(harness.events('payment.confirmed', hash)).toHaveLength(1);
      expect(await observedRows(hash)).toEqual([{ status: 'confirmed', amount: parseEther('0.0184').toString(), confirmations: 3 }]);
    });

    it('finds an ERC-20 payment and ignores a transfer in another asset than the session asks for', async () => {
      const to = fresh();
      const sessionId = await watchedSession([app], { address: to, assetCode: 'USDC', tokenAddress: usdc.toLowerCase() });
      const eth = await payNative(to, 5n);
      const token = await payToken(to, 25_000_000n);
      await mine(2);
      const [confirmed] = await harness.waitForEvents('payment.confirmed', token.hash);
      expect(confirmed!.data).toMatchObject({ sessionId, amountAtomic: '25000000', asset: { assetCode: 'USDC', tokenAddress: usdc.toLowerCase() } });
      expect((confirmed!.data as { logIndex: number }).logIndex).toBeGreaterThanOrEqual(0);
      expect(harness.events('payment.detected', token.hash)).toHaveLength(1);
      // The ETH sent to a USDC session is on record, but never announced as a payment.
      expect(harness.events('payment.detected', eth.hash)).toEqual([]);
      expect(await observedRows(eth.hash)).toEqual([{ status: 'wrong_asset', amount: '5', confirmations: 1 }]);
    });

    it("confirms at the session's own depth when it asks for more than the chain", async () => {
      const to = fresh();
      await watchedSession([app], { address: to, confirmationsRequired: 5 });
      const { hash, block } = await payNative(to, 9n);
      await mine(3);
      await eventually(() => (app.supervisor.follower(CHAIN)?.tip?.number ?? 0n) >= block + 3n, 'depth 4');
      expect(harness.events('payment.confirmed', hash)).toEqual([]);
      await mine(1);
      const [confirmed] = await harness.waitForEvents('payment.confirmed', hash);
      expect((confirmed!.data as { confirmations: number }).confirmations).toBe(5);
    });

    it('emits payment.reverted when a reorg of depth 2 removes the payment before it is confirmed', async () => {
      const to = fresh();
      const sessionId = await watchedSession([app], { address: to });
      await following(app);
      const snapshot = await rpc('evm_snapshot');
      const { hash, block } = await payNative(to, 77n); // fork + 1
      await mine(1); // fork + 2
      await eventually(() => harness.events('payment.detected', hash).length === 1, 'detection on the doomed branch');
      await rpc('evm_revert', [snapshot]);
      await mine(3); // a longer branch without the payment
      const [reverted] = await harness.waitForEvents('payment.reverted', hash);
      expect(reverted!.data).toMatchObject({ sessionId, amountAtomic: '77', blockNumber: block.toString() });
      expect(reverted!.streamId).toBe(harness.events('payment.detected', hash)[0]!.streamId);
      await mine(3);
      await following(app);
      expect(harness.events('payment.confirmed', hash)).toEqual([]);
      expect((await observedRows(hash)).map((row) => row.status)).toEqual(['reverted']);
    });

    it('answers health.payment-watcher over NATS request-reply', async () => {
      const service = await startMicroservice(PaymentWatcherModule.forApp(app), { name: 'payment-watcher', natsUrl: harness.natsUrl });
      const proxy: ClientProxy = ClientProxyFactory.create({ transport: NestTransport.NATS, options: { servers: [harness.natsUrl] } });
      try {
        const reply = await firstValueFrom(proxy.send('health.payment-watcher', {}));
        expect(reply).toMatchObject({ ok: true, data: { ok: true } });
      } finally {
        await proxy.close();
        // Shutting the Nest app down closes the app object it wraps (a second close is a no-op).
        await service.close();
      }
    });
  });

  it('finds every payment made during 20 blocks of downtime once, after a restart from the cursor', async () => {
    const first = await harness.startApp();
    await following(first);
    const addresses = Array.from({ length: 5 }, fresh);
    for (const address of addresses) await watchedSession([first], { address });
    const before = await payNative(addresses[0]!, 1n);
    await harness.waitForEvents('payment.detected', before.hash);
    await following(first);
    await harness.stopApp(first);

    const start = await head();
    const paid: Hash[] = [];
    for (let i = 0; i < 5; i++) {
      paid.push((await payNative(addresses[i]!, BigInt(100 + i))).hash);
      await mine(3);
    }
    expect((await head()) - start).toBe(20n);

    const second = await harness.startApp();
    await mine(3);
    await following(second);
    for (const hash of paid) {
      await harness.waitForEvents('payment.confirmed', hash);
      expect(harness.events('payment.detected', hash)).toHaveLength(1);
      expect(harness.events('payment.confirmed', hash)).toHaveLength(1);
    }
    expect(harness.events('payment.detected', before.hash)).toHaveLength(1);
    await harness.stopApp(second);
  });

  it('runs one follower across two replicas; when it dies the other takes over within 10 s from the cursor', async () => {
    const a = await harness.startApp('replica-a');
    const b = await harness.startApp('replica-b');
    const active = await eventually(() => [a, b].find((app) => app.supervisor.active().length > 0), 'one active replica');
    const standby = active === a ? b : a;
    expect(standby.supervisor.active()).toEqual([]);
    await following(active);
    const addresses = Array.from({ length: 4 }, fresh);
    for (const address of addresses) await watchedSession([a, b], { address });
    const early = await payNative(addresses[0]!, 11n);
    await harness.waitForEvents('payment.detected', early.hash);
    await following(active);

    // The holder dies: it stops without releasing its lease.
    await harness.stopApp(active, { release: false });
    const during = [await payNative(addresses[1]!, 12n), await payNative(addresses[2]!, 13n)];
    await mine(2);
    // The requirement itself is the deadline: lease TTL 6 s + one renew period 2 s < 10 s.
    await eventually(() => standby.supervisor.active().length > 0, 'the standby to take over', 10_000);
    const after = await payNative(addresses[3]!, 14n);
    await mine(3);
    await following(standby);
    for (const { hash } of [early, ...during, after]) {
      await harness.waitForEvents('payment.confirmed', hash);
      expect(harness.events('payment.detected', hash)).toHaveLength(1);
      expect(harness.events('payment.confirmed', hash)).toHaveLength(1);
    }
    // The persisted window is one unbroken chain: no block skipped or processed twice across the handover.
    const [cursor] = (await standby.runtime.dataSource.query('SELECT blocks FROM watcher.chain_cursors WHERE chain_id = $1', [CHAIN])) as {
      blocks: { number: string; hash: string; parentHash: string }[];
    }[];
    const blocks = cursor!.blocks;
    for (let i = 1; i < blocks.length; i++) {
      expect(BigInt(blocks[i]!.number)).toBe(BigInt(blocks[i - 1]!.number) + 1n);
      expect(blocks[i]!.parentHash).toBe(blocks[i - 1]!.hash);
    }
    await harness.stopApp(standby);
  });
});
