import { createPublicClient, createWalletClient, http as viemHttp, type Address, type Chain, type Hash } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { testTokenAbi } from '@opencheckout/chain';
import { e2eEnv } from './e2e-env.js';
import { TEST_MNEMONIC } from './platform.js';

/** The e2e chain as global-setup wrote it; `usdcAddress` is the test USDC it deployed. */
export interface E2eChain {
  rpcUrl: string;
  chainId: number;
  usdcAddress?: string;
}

function e2eChain(): E2eChain {
  return e2eEnv().chain as E2eChain;
}

function viemChain(): Chain {
  const { rpcUrl, chainId } = e2eChain();
  return {
    id: chainId,
    name: `e2e chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  };
}

let clients: ReturnType<typeof makeClients> | undefined;

function makeClients() {
  const chain = viemChain();
  const transport = viemHttp(chain.rpcUrls.default.http[0]);
  // Account 0 pays; merchants' wallets use other accounts of the same mnemonic.
  const account = mnemonicToAccount(TEST_MNEMONIC, { addressIndex: 0 });
  return {
    publicClient: createPublicClient({ chain, transport, pollingInterval: 50, cacheTime: 0 }),
    wallet: createWalletClient({ account, chain, transport }),
  };
}

function chainClients() {
  clients ??= makeClients();
  return clients;
}

/** A raw JSON-RPC call to the e2e chain (anvil_mine, anvil_reorg, evm_snapshot, …). */
export async function rpc<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
  // viem's request type knows only standard methods: anvil's extras go through as-is.
  const request = chainClients().publicClient.request as unknown as (args: { method: string; params: unknown[] }) => Promise<T>;
  return request({ method, params });
}

export interface Sent {
  hash: Hash;
  blockNumber: bigint;
  blockHash: Hash;
  /** The block's time, unix seconds. */
  timestamp: number;
}

// One payer account: its nonce must advance one transaction at a time, whatever the caller's concurrency.
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

async function mined(hash: Hash): Promise<Sent> {
  const receipt = await chainClients().publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`);
  const block = await chainClients().publicClient.getBlock({ blockHash: receipt.blockHash });
  return { hash, blockNumber: receipt.blockNumber, blockHash: receipt.blockHash, timestamp: Number(block.timestamp) };
}

/** Sends `atomic` wei from anvil account 0 to `to` and waits for its block. */
export function payNative(to: string, atomic: bigint): Promise<Sent> {
  return serially(async () => mined(await chainClients().wallet.sendTransaction({ to: to as Address, value: atomic })));
}

/** Transfers `atomic` units of the test USDC from anvil account 0 to `to` and waits for its block. */
export function payUsdc(to: string, atomic: bigint): Promise<Sent> {
  const token = e2eChain().usdcAddress;
  if (!token) throw new Error('the e2e chain has no test USDC (chain.usdcAddress): global setup deploys it');
  return serially(async () =>
    mined(
      await chainClients().wallet.writeContract({
        address: token as Address,
        abi: testTokenAbi,
        functionName: 'transfer',
        args: [to as Address, atomic],
      }),
    ),
  );
}

/** Mines `count` empty blocks at once (confirmations without waiting for a block timer). */
export async function mine(count: number): Promise<bigint> {
  await serially(() => rpc('anvil_mine', [`0x${count.toString(16)}`]));
  return headNumber();
}

export async function headNumber(): Promise<bigint> {
  return chainClients().publicClient.getBlockNumber({ cacheTime: 0 });
}

/** The canonical block hash at `number`, or undefined when the chain is shorter. */
export async function canonicalHash(number: bigint): Promise<Hash | undefined> {
  try {
    return (await chainClients().publicClient.getBlock({ blockNumber: number })).hash ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Replaces the last `depth` blocks with empty ones (anvil_reorg): the
 * transactions in them leave the canonical chain and are not mined again.
 * anvil_reorg also winds the chain's clock back to the fork point's age;
 * lateness is judged by block time, so the clock is put back on the wall clock.
 */
export async function reorg(depth: number): Promise<void> {
  await serially(async () => {
    await rpc('anvil_reorg', [depth, []]);
    await rpc('anvil_setTime', [Math.floor(Date.now() / 1000)]);
  });
}
