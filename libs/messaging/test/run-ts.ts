import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Runs one of the scripts beside this file in a child Node process with the TypeScript loader. */
export function runTsChild(script: string, env: Record<string, string>): Promise<ChildResult> {
  const here = new URL('.', import.meta.url);
  const register = fileURLToPath(new URL('register-swc.mjs', here));
  const file = fileURLToPath(new URL(script, here));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@opencheckout/source', '--import', register, file], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, output }));
  });
}
