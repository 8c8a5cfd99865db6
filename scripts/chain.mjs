#!/usr/bin/env node
// `npm run chain -- <command>`: a local-chain simulator for development. Pays
// sessions, mines blocks, makes reorgs, deploys the test USDC. Uses anvil's
// well-known development accounts: for local chains only.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createPublicClient, createWalletClient, erc20Abi, formatUnits, http, isAddress, parseUnits } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stateDir = join(root, '.opencheckout');
const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

const HELP = `Usage: npm run chain -- <command> [options]

Commands
  pay <address> <amount> [--asset ETH|USDC]   send <amount> (decimal, asset units) to <address>
  pay-session <cs_id> [--exact|--under|--over|--amount X]
                                              pay a checkout session read from the gateway
                                              (--under pays 90%, --over 110%; default --exact)
  mine [n]                                    mine n blocks (default 1)
  reorg <depth>                               replace the last <depth> blocks (anvil_reorg)
  deploy-token                                deploy the test USDC (6 decimals), mint to the payer,
                                              remember it in .opencheckout/chain.json
  balance <address>                           ETH and USDC balance of <address>

Options
  --rpc URL          chain RPC (default: .opencheckout/dev.json chain.rpcUrl, else http://127.0.0.1:8545)
  --from N           anvil account index that pays (default 0)
  --token ADDRESS    the USDC contract (default: from .opencheckout/chain.json or dev.json)
  --help             this text`;

function parseArgs(argv) {
  const positional = [];
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) positional.push(arg);
    else if (['--exact', '--under', '--over', '--help'].includes(arg)) flags[arg.slice(2)] = true;
    else flags[arg.slice(2)] = argv[++i];
  }
  return { positional, flags };
}

async function readJson(name) {
  const path = join(stateDir, name);
  return existsSync(path) ? JSON.parse(await readFile(path, 'utf8')) : undefined;
}

async function chainLib() {
  const dist = join(root, 'libs', 'chain', 'dist', 'index.js');
  if (!existsSync(dist)) throw new Error('libs/chain is not built: run `npm run build` first.');
  return import(pathToFileURL(dist).href);
}

function fail(message) {
  console.error(`chain: ${message}`);
  process.exit(1);
}

async function main() {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const [command, ...args] = positional;
  if (!command || flags.help || command === 'help') {
    console.log(HELP);
    return;
  }
  const dev = (await readJson('dev.json')) ?? {};
  const saved = (await readJson('chain.json')) ?? {};
  const rpcUrl = flags.rpc ?? dev.chain?.rpcUrl ?? 'http://127.0.0.1:8545';
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ transport, pollingInterval: 100 });
  const chainId = await publicClient.getChainId();
  const chain = { id: chainId, name: `chain ${chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } };
  const account = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: Number(flags.from ?? 0) });
  const wallet = createWalletClient({ account, chain, transport });
  const tokenAddress = flags.token ?? saved.tokens?.[chainId]?.USDC ?? dev.chain?.usdcAddress ?? dev.chain?.tokens?.USDC;
  const rpc = (method, params = []) => publicClient.request({ method, params });

  async function send(to, atomic, asset) {
    if (!isAddress(to)) fail(`not an address: ${to}`);
    let hash;
    if (asset === 'ETH') {
      hash = await wallet.sendTransaction({ to, value: atomic });
    } else {
      if (!tokenAddress) fail(`no ${asset} contract known: run \`npm run chain -- deploy-token\` or pass --token`);
      hash = await wallet.writeContract({ address: tokenAddress, abi: erc20Abi, functionName: 'transfer', args: [to, atomic] });
    }
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    const decimals = asset === 'ETH' ? 18 : 6;
    console.log(`sent ${formatUnits(atomic, decimals)} ${asset} to ${to} in block ${receipt.blockNumber} (${hash}, ${receipt.status})`);
  }

  switch (command) {
    case 'pay': {
      const [to, amount] = args;
      if (!to || !amount) fail('usage: pay <address> <amount> [--asset ETH|USDC]');
      const asset = (flags.asset ?? 'ETH').toUpperCase();
      await send(to, parseUnits(amount, asset === 'ETH' ? 18 : 6), asset);
      break;
    }
    case 'pay-session': {
      const [id] = args;
      if (!id) fail('usage: pay-session <cs_id> [--exact|--under|--over|--amount X]');
      if (!dev.gatewayUrl || !dev.apiKey) fail('.opencheckout/dev.json has no gatewayUrl/apiKey: is `npm run dev` running?');
      const response = await fetch(`${dev.gatewayUrl}/api/v1/checkout_sessions/${encodeURIComponent(id)}`, {
        headers: { authorization: `Bearer ${dev.apiKey}` },
      });
      const session = await response.json();
      if (!response.ok) fail(`gateway answered ${response.status}: ${session?.error?.message ?? JSON.stringify(session)}`);
      const asset = String(session.asset?.code ?? session.asset?.symbol ?? session.asset ?? 'ETH').toUpperCase();
      const decimals = Number(session.asset?.decimals ?? (asset === 'ETH' ? 18 : 6));
      const atomicText = session.amount?.atomic ?? session.amount?.value ?? session.amount?.wei;
      if (!session.address || atomicText === undefined) fail(`session ${id} has no address or amount`);
      const due = BigInt(atomicText);
      let atomic = due;
      if (flags.amount) atomic = parseUnits(flags.amount, decimals);
      else if (flags.under) atomic = due - due / 10n;
      else if (flags.over) atomic = due + due / 10n;
      console.log(`session ${id}: ${session.status}, due ${formatUnits(due, decimals)} ${asset} at ${session.address}`);
      await send(session.address, atomic, asset);
      break;
    }
    case 'mine': {
      const n = Number(args[0] ?? 1);
      if (!Number.isInteger(n) || n < 1) fail('usage: mine [n]');
      await rpc('anvil_mine', [`0x${n.toString(16)}`]);
      console.log(`mined ${n} block(s); head is ${await publicClient.getBlockNumber({ cacheTime: 0 })}`);
      break;
    }
    case 'reorg': {
      const depth = Number(args[0]);
      if (!Number.isInteger(depth) || depth < 1) fail('usage: reorg <depth>');
      const before = await publicClient.getBlock({ blockTag: 'latest' });
      await rpc('anvil_reorg', [depth, []]);
      const after = await publicClient.getBlock({ blockTag: 'latest' });
      console.log(`replaced the last ${depth} block(s): head ${after.number} was ${before.hash}, now ${after.hash}`);
      break;
    }
    case 'deploy-token': {
      const { deployTestToken } = await chainLib();
      const address = await deployTestToken(wallet);
      const mint = await wallet.writeContract({
        address,
        abi: [{ type: 'function', name: 'mint', stateMutability: 'nonpayable', inputs: [{ name: 'to', type: 'address' }, { name: 'value', type: 'uint256' }], outputs: [] }],
        functionName: 'mint',
        args: [account.address, parseUnits('1000000', 6)],
      });
      await publicClient.waitForTransactionReceipt({ hash: mint });
      const next = { ...saved, tokens: { ...saved.tokens, [chainId]: { ...saved.tokens?.[chainId], USDC: address } } };
      await mkdir(stateDir, { recursive: true });
      await writeFile(join(stateDir, 'chain.json'), `${JSON.stringify(next, null, 2)}\n`);
      console.log(`USDC (test, 6 decimals) at ${address}; minted 1,000,000 to ${account.address}`);
      break;
    }
    case 'balance': {
      const [address] = args;
      if (!address || !isAddress(address)) fail('usage: balance <address>');
      console.log(`ETH  ${formatUnits(await publicClient.getBalance({ address }), 18)}`);
      if (tokenAddress) {
        const balance = await publicClient.readContract({ address: tokenAddress, abi: erc20Abi, functionName: 'balanceOf', args: [address] });
        console.log(`USDC ${formatUnits(balance, 6)}`);
      }
      break;
    }
    default:
      fail(`unknown command '${command}' (see --help)`);
  }
}

main().catch((error) => fail(error?.shortMessage ?? error?.message ?? String(error)));
