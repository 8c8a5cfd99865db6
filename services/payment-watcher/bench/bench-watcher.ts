// Measures the payment watcher on a local anvil with real Postgres and NATS:
// per-block processing time through the follower (RPC reads, set lookups,
// confirmation counting) with 100 and with 100,000 watched addresses, and the
// latency from mining the confirming block to `payment.confirmed` on the bus.
// (`session.paid` needs the session service, which this service must not
// import; the lead's e2e bench measures that hop.) Run:
//   DATABASE_URL=… NATS_URL=… node --conditions=@opencheckout/source \
//     --import ./libs/messaging/test/register-swc.mjs services/payment-watcher/bench/bench-watcher.ts
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createPublicClient, createWalletClient, http, type Account, type Address, type Chain, type PublicClient, type Transport, type WalletClient } from 'viem';
import { generatePrivateKey, mnemonicToAccount, privateKeyToAddress } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { ANVIL_MNEMONIC, startAnvil } from '@opencheckout/chain/testing';
import { WatchedSessionIndex } from '../src/domain/watched-session.js';
import { ChainFollower } from '../src/infra/chain/chain-follower.js';
import { InMemoryCursorStore } from '../src/infra/chain/in-memory-cursor-store.js';
import { eventually, WatcherHarness } from '../test/watcher-harness.js';

export interface BenchWatcherOptions {
  /** Blocks followed per run of the per-block measurement. Default 200. */
  blocks?: number;
  /** Payments timed for the confirmation latency. Default 20. */
  payments?: number;
}

export interface BenchWatcherResult {
  perBlock: { watchedAddresses: number; blocks: number; microsecondsPerBlock: number; transfersFound: number }[];
  /** microsecondsPerBlock(100,000) / microsecondsPerBlock(100): about 1 when the cost does not grow with the set. */
  ratio: number;
  confirmLatencyP50Ms: number;
  confirmLatencyP95Ms: number;
  latencySamples: number;
  /** What the latency spans. */
  latencyMeasures: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const fresh = () => privateKeyToAddress(generatePrivateKey());

export async function benchWatcher(options: BenchWatcherOptions = {}): Promise<BenchWatcherResult> {
  const blockCount = options.blocks ?? 200;
  const paymentCount = options.payments ?? 20;
  const anvil = await startAnvil();
  try {
    const chain = { ...foundry, rpcUrls: { default: { http: [anvil.rpcUrl] } } };
    const client = createPublicClient({ chain, transport: http(anvil.rpcUrl), pollingInterval: 20 }) as PublicClient;
    const account = mnemonicToAccount(ANVIL_MNEMONIC);
    const wallet: WalletClient<Transport, Chain, Account> = createWalletClient({ account, chain, transport: http(anvil.rpcUrl) });
    const rpc = (method: string, params: unknown[] = []) => client.request({ method: method as never, params: params as never });

    // Blocks with traffic: every 4th pays a watched address, the others pay strangers.
    const payees: Address[] = Array.from({ length: 50 }, fresh);
    const first = (await client.getBlockNumber({ cacheTime: 0 })) + 1n;
    for (let i = 0; i < blockCount; i++) {
      await wallet.sendTransaction({ to: i % 4 === 0 ? payees[i % payees.length]! : fresh(), value: BigInt(i + 1) });
    }
    const perBlock: BenchWatcherResult['perBlock'] = [];
    for (const size of [100, 100_000]) {
      const index = new WatchedSessionIndex();
      const addresses = [...payees, ...Array.from({ length: size - payees.length }, fresh)];
      for (const address of addresses) {
        index.upsert({ chainId: anvil.chainId, address, sessionId: 'cs', merchantId: 'm', livemode: false, assetCode: 'ETH', tokenAddress: null, confirmationsRequired: 3, watchUntilMs: Number.MAX_SAFE_INTEGER });
      }
      let found = 0;
      const follower = new ChainFollower({
        chainId: anvil.chainId,
        client,
        cursorStore: new InMemoryCursorStore(),
        watched: index.forChain(anvil.chainId),
        nativeAsset: 'ETH',
        tokens: new Map(),
        confirmations: 3,
        handlers: { detected: () => void (found += 1), confirmed: () => undefined, reverted: () => undefined },
        startBlock: first,
      });
      const started = performance.now();
      await follower.syncOnce();
      const elapsed = performance.now() - started;
      perBlock.push({ watchedAddresses: size, blocks: blockCount, microsecondsPerBlock: Math.round((elapsed * 1000) / blockCount), transfersFound: found });
    }

    // Latency: the full service (Postgres ledger, outbox relay, JetStream) on the same anvil.
    const harness = await WatcherHarness.create({ CHAIN_RPC_URL: anvil.rpcUrl, WATCHER_POLL_INTERVAL_MS: 50, CHAIN_WS_URL: anvil.wsUrl });
    const samples: number[] = [];
    try {
      const app = await harness.startApp();
      await eventually(() => app.supervisor.follower(anvil.chainId)?.tip !== undefined, 'the follower');
      for (let i = 0; i < paymentCount; i++) {
        const to = fresh();
        await harness.createSession({ chainId: anvil.chainId, address: to });
        await eventually(() => app.index.get(anvil.chainId, to) !== undefined, 'the session');
        const hash = await wallet.sendTransaction({ to, value: 1_000n });
        await client.waitForTransactionReceipt({ hash, pollingInterval: 10 });
        await rpc('anvil_mine', ['0x1']);
        const minedAt = performance.now();
        await rpc('anvil_mine', ['0x1']); // the third confirmation
        const [confirmed] = await harness.waitForEvents('payment.confirmed', hash);
        samples.push(harness.arrivals.get(confirmed!.eventId)! - minedAt);
      }
    } finally {
      await harness.close();
    }
    samples.sort((a, b) => a - b);
    return {
      perBlock,
      ratio: Number((perBlock[1]!.microsecondsPerBlock / perBlock[0]!.microsecondsPerBlock).toFixed(2)),
      confirmLatencyP50Ms: Math.round(percentile(samples, 50)),
      confirmLatencyP95Ms: Math.round(percentile(samples, 95)),
      latencySamples: samples.length,
      latencyMeasures: 'confirming block mined (anvil_mine sent) → payment.confirmed received from JetStream; session.paid not included',
    };
  } finally {
    await anvil.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchWatcher()
    .then((result) => {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
