import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Abi, Hex } from 'viem';

export interface CompiledContract {
  abi: Abi;
  bytecode: Hex;
}

export type CompiledContracts = Record<'TestToken' | 'MockAggregator', CompiledContract> & Record<string, CompiledContract>;

/** libs/chain, found from this file whether it runs from src/ or dist/. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'contracts', 'TestToken.sol'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('libs/chain/contracts not found');
    dir = parent;
  }
  return dir;
}

/**
 * Compiles libs/chain/contracts/*.sol with solc (npm). The output is cached in
 * .opencheckout/solc-cache under a hash of the sources and compiler settings,
 * so only the first run pays the ~1 s compile.
 */
export async function compileContracts(options: { cacheDir?: string } = {}): Promise<CompiledContracts> {
  const root = packageRoot();
  const contractsDir = join(root, 'contracts');
  const files = (await readdir(contractsDir)).filter((f) => f.endsWith('.sol')).sort();
  const sources: Record<string, { content: string }> = {};
  for (const file of files) sources[file] = { content: await readFile(join(contractsDir, file), 'utf8') };
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      // paris: no PUSH0, so the bytecode deploys on every EVM chain we may test against.
      evmVersion: 'paris',
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const inputJson = JSON.stringify(input);
  const hash = createHash('sha256').update(inputJson).digest('hex').slice(0, 32);
  const cacheDir = options.cacheDir ?? join(root, '..', '..', '.opencheckout', 'solc-cache');
  const cacheFile = join(cacheDir, `${hash}.json`);
  try {
    return JSON.parse(await readFile(cacheFile, 'utf8')) as CompiledContracts;
  } catch {
    // not cached yet
  }
  const { default: solc } = (await import('solc')) as { default: { compile(input: string): string } };
  const output = JSON.parse(solc.compile(inputJson)) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(`solc: ${errors.map((e) => e.formattedMessage).join('\n')}`);
  const compiled: Record<string, CompiledContract> = {};
  for (const byName of Object.values(output.contracts)) {
    for (const [name, contract] of Object.entries(byName)) {
      compiled[name] = { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
    }
  }
  await mkdir(cacheDir, { recursive: true });
  // Write then rename: parallel test workers never read a half-written cache file.
  const temp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, JSON.stringify(compiled));
  await rename(temp, cacheFile);
  return compiled as CompiledContracts;
}
