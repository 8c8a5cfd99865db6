// The test USDC on a local chain: deployed once at start (after the build, since it
// uses libs/chain/dist), minted to anvil account 0 (the payer of the chain
// simulator and the e2e tests), and handed to the services as DEV_USDC_ADDRESS.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './paths.mjs';

const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';
const ANVIL_CHAIN_ID = 31337;
/** 1,000,000 USDC at 6 decimals. */
const MINT_ATOMIC = 1_000_000n * 10n ** 6n;

async function chainLib() {
  const dist = join(repoRoot, 'libs', 'chain', 'dist', 'index.js');
  if (!existsSync(dist)) throw new Error('libs/chain is not built: the test token is deployed after the build.');
  return import(pathToFileURL(dist).href);
}

/**
 * The test USDC's address on `chain`, deploying it when needed. `known` is an
 * address remembered from an earlier run: kept when the chain still has code
 * there (anvil state persisted), else a new token is deployed. Only the local
 * anvil chain id gets a token: the dev chain config knows no other.
 * Resolves the address, or undefined for other chains.
 */
export async function ensureTestToken(chain, { known, log = () => {} } = {}) {
  if (chain.chainId !== ANVIL_CHAIN_ID) return undefined;
  const { createPublicClient, createWalletClient, http } = await import('viem');
  const { mnemonicToAccount } = await import('viem/accounts');
  const viemChain = {
    id: chain.chainId,
    name: 'Anvil (local)',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [chain.rpcUrl] } },
  };
  const transport = http(chain.rpcUrl);
  const publicClient = createPublicClient({ chain: viemChain, transport, pollingInterval: 100 });
  if (known) {
    const code = await publicClient.getCode({ address: known });
    if (code && code !== '0x') return known;
  }
  const { deployTestToken, testTokenAbi } = await chainLib();
  const account = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 0 });
  const wallet = createWalletClient({ account, chain: viemChain, transport });
  const address = await deployTestToken(wallet);
  const mint = await wallet.writeContract({ address, abi: testTokenAbi, functionName: 'mint', args: [account.address, MINT_ATOMIC] });
  await publicClient.waitForTransactionReceipt({ hash: mint, pollingInterval: 100 });
  log(`deployed the test USDC at ${address} (minted 1,000,000 to ${account.address})`);
  return address;
}
