/* global AbortSignal */
// A local EVM chain: anvil from the @foundry-rs/anvil npm package (its real binary, not npx).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { GiveUp, waitFor } from './net.mjs';
import { reapStale, startProcess, writePidFile } from './process.mjs';

const PLATFORM_PACKAGES = {
  'linux-x64': '@foundry-rs/anvil-linux-amd64',
  'linux-arm64': '@foundry-rs/anvil-linux-arm64',
  'darwin-x64': '@foundry-rs/anvil-darwin-amd64',
  'darwin-arm64': '@foundry-rs/anvil-darwin-arm64',
};

/** The anvil binary shipped in the platform package that @foundry-rs/anvil installed. */
export function anvilBinary() {
  const pkg = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!pkg) throw new Error(`No anvil package for ${process.platform}-${process.arch}; set CHAIN_RPC_URL.`);
  const require = createRequire(import.meta.url);
  let manifest;
  try {
    manifest = require.resolve(`${pkg}/package.json`);
  } catch {
    throw new Error(`${pkg} is not installed (run \`npm install\`), or set CHAIN_RPC_URL.`);
  }
  const binary = join(dirname(manifest), 'bin', 'anvil');
  if (!existsSync(binary)) throw new Error(`anvil binary missing at ${binary}: reinstall @foundry-rs/anvil.`);
  return binary;
}

/** The chain id answered by the JSON-RPC endpoint at `rpcUrl`. */
export async function rpcChainId(rpcUrl) {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    signal: AbortSignal.timeout(1000),
  });
  const body = await response.json();
  return Number(BigInt(body.result));
}

/**
 * Starts anvil on 127.0.0.1:`port`. With `statePath` the chain is loaded from and
 * saved to that file, so a second run continues the same chain.
 * Resolves `{ rpcUrl, wsUrl, chainId, stop }`.
 */
export async function startAnvil({ port, chainId = 31337, blockTime, statePath, pidFile, detached = false, log = () => {} }) {
  if (pidFile && (await reapStale(pidFile, anvilBinary()))) log('stopped a stale anvil');
  const args = ['--host', '127.0.0.1', '--port', String(port), '--chain-id', String(chainId)];
  if (blockTime) args.push('--block-time', String(blockTime));
  // Save state periodically too: a killed run should lose at most a few seconds of chain.
  if (statePath) args.push('--state', statePath, '--state-interval', '5');
  const anvil = await startProcess(anvilBinary(), args, { name: 'anvil', detached, log, graceMs: 10_000 });
  if (pidFile) await writePidFile(pidFile, anvil.pid);
  const rpcUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => {
      if (!anvil.running) throw new GiveUp(`anvil exited:\n${anvil.output()}`);
      return (await rpcChainId(rpcUrl)) === chainId;
    }, { timeoutMs: 30_000, what: `anvil on port ${port}` });
  } catch (error) {
    await anvil.stop();
    throw error;
  }
  return { rpcUrl, wsUrl: `ws://127.0.0.1:${port}`, chainId, pid: anvil.pid, exited: anvil.exited, stop: () => anvil.stop() };
}
