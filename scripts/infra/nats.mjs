// NATS with JetStream for local runs: the `nats-server` binary from PATH.
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { GiveUp, probeTcp, waitFor } from './net.mjs';
import { reapStale, startProcess, writePidFile } from './process.mjs';

export const NATS_INSTALL_HINT =
  'nats-server was not found on PATH. Install it (Debian/Ubuntu: `sudo apt-get install nats-server`; ' +
  'macOS: `brew install nats-server`; or a release from https://github.com/nats-io/nats-server/releases), ' +
  'or point NATS_URL at a NATS server with JetStream enabled.';

/** The path of `nats-server` on PATH, or null. */
export function findNatsServer() {
  try {
    return execFileSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * Starts `nats-server -js` on 127.0.0.1:`port` with its JetStream store in
 * `storeDir` (kept across runs). With `pidFile`, a server left by a killed
 * earlier run is stopped first. Resolves `{ url, stop }`.
 */
export async function startNatsServer({ storeDir, port, pidFile, detached = false, log = () => {} }) {
  const binary = findNatsServer();
  if (!binary) throw new Error(NATS_INSTALL_HINT);
  if (pidFile && (await reapStale(pidFile, storeDir))) log('stopped a stale nats-server');
  if (await probeTcp('127.0.0.1', port)) {
    throw new Error(`Port ${port} is taken: stop what listens there or set NATS_URL.`);
  }
  await mkdir(storeDir, { recursive: true });
  const server = await startProcess(binary, ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port)], {
    name: 'nats-server',
    detached,
    log,
  });
  if (pidFile) await writePidFile(pidFile, server.pid);
  try {
    await waitFor(async () => {
      if (!server.running) throw new GiveUp(`nats-server exited:\n${server.output()}`);
      return probeTcp('127.0.0.1', port);
    }, { timeoutMs: 15_000, what: `nats-server on port ${port}` });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: `nats://127.0.0.1:${port}`, pid: server.pid, exited: server.exited, stop: () => server.stop() };
}
