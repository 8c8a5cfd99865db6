import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface AnvilInstance {
  rpcUrl: string;
  wsUrl: string;
  port: number;
  chainId: number;
  stop(): Promise<void>;
}

export interface StartAnvilParameters {
  /** 0 (default) is automine: one block per transaction. */
  blockTime?: number;
  chainId?: number;
  /** Extra command-line flags. */
  args?: string[];
  timeoutMs?: number;
}

/** The anvil binary from its platform package (never through npx: killing a wrapper can orphan the node). */
export function anvilBinary(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve(`@foundry-rs/anvil-${process.platform === 'darwin' ? 'darwin' : 'linux'}-${process.arch === 'arm64' ? 'arm64' : 'amd64'}/package.json`);
  return join(dirname(pkg), 'bin', 'anvil');
}

/** Starts a private anvil on a free port (the default "test test … junk" accounts) and waits until it listens. */
export async function startAnvil({ blockTime, chainId = 31337, args = [], timeoutMs = 15_000 }: StartAnvilParameters = {}): Promise<AnvilInstance> {
  const flags = ['--port', '0', '--host', '127.0.0.1', '--chain-id', String(chainId), ...args];
  if (blockTime) flags.push('--block-time', String(blockTime));
  const child: ChildProcess = spawn(anvilBinary(), flags, { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`anvil did not start within ${timeoutMs} ms: ${output.slice(-500)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Listening on [\d.]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        // Keep draining stdout so anvil never blocks on a full pipe.
        child.stdout?.removeListener('data', onData);
        child.stdout?.resume();
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`anvil exited with ${code}: ${output.slice(-500)}`));
    });
  });
  return {
    rpcUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    chainId,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The well-known anvil development mnemonic; its accounts hold 10,000 ETH each on a fresh anvil. */
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';
