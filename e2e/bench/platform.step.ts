// Bench step 2 (+ the platform part of step 3): the whole platform started the
// way the e2e setup does, then create-session throughput through the gateway,
// the no-framework floor under it, and confirming block → session.paid latency.
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from '../../scripts/infra/net.mjs';
import { stateDir } from '../../scripts/infra/paths.mjs';
import { Stack, startInfra, startPlatform } from '../../scripts/infra/system.mjs';
import type { E2eEnv } from '../support/e2e-env.js';
import { createMerchant, createSession } from '../support/platform.js';
import { floorLoad } from './floor-load.js';
import { gatewayLoad } from './gateway-load.js';
import { sessionPaidLatency } from './session-paid-latency.js';
import { progress, quick, runStep } from './step-runner.js';

const CONNECTIONS = 50;
const seconds = quick ? 3 : 15;
const payments = quick ? 3 : 20;

// What the platform runs with here, besides the e2e defaults (reported with the numbers).
const settings = {
  // Blocks only when the bench mines them, so "the confirming block" is well defined.
  CHAIN_BLOCK_TIME: '0',
  // The per-key limit (100/s by default) would answer most of one key's load with 429.
  RATE_LIMIT_PER_SECOND: '1000000',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};

interface ServiceCommand {
  name: string;
  pid?: number;
  killable: boolean;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * SIGTERM to every service, then SIGKILL to any still running after 15 s: a
 * service that hangs in its shutdown would otherwise hold the run (and its
 * database, NATS server and chain) forever.
 */
async function stopWithDeadline(platform: { services: { commands: ServiceCommand[] } }): Promise<void> {
  const pids = platform.services.commands.filter((command) => command.killable && command.pid).map((command) => [command.name, command.pid!] as const);
  for (const [, pid] of pids) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && pids.some(([, pid]) => alive(pid))) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const [name, pid] of pids) {
    if (!alive(pid)) continue;
    progress(`${name} did not stop within 15 s of SIGTERM; killing it`);
    process.kill(pid, 'SIGKILL');
  }
}

const stack = new Stack();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stack.stopAll().finally(() => process.exit(1)));
}

await runStep('platform', async () => {
  Object.assign(process.env, { CHAIN_BLOCK_TIME: settings.CHAIN_BLOCK_TIME, RATE_LIMIT_PER_SECOND: settings.RATE_LIMIT_PER_SECOND });
  const runId = randomBytes(4).toString('hex');
  const logDir = join(stateDir, 'bench-logs');
  await mkdir(logDir, { recursive: true });
  const logFile = join(logDir, `services-${runId}.log`);
  const output = createWriteStream(logFile);
  stack.push('service log', () => new Promise<void>((resolve) => output.end(resolve)));
  try {
    progress('starting the platform (Postgres database, nats-server, anvil, services)');
    const infra = await startInfra('e2e', { stack });
    // dev and e2e run the watcher on HTTP polling; BENCH_WATCHER_WS=1 adds new heads over WebSocket.
    const ws = process.env.BENCH_WATCHER_WS === '1' && infra.chain.wsUrl !== undefined;
    if (ws) process.env.CHAIN_WS_URL = infra.chain.wsUrl;
    const adminToken = `oc_admin_${randomBytes(24).toString('hex')}`;
    const eventsStream = `BENCH_EVENTS_${runId.toUpperCase()}`;
    const eventsSubjectPrefix = `bench_${runId}`;
    const platform = await startPlatform(infra, {
      gatewayPort: await freePort(),
      adminToken,
      encryptionKey: randomBytes(32).toString('hex'),
      eventsStream,
      eventsSubjectPrefix,
      logLevel: settings.LOG_LEVEL,
      outputStream: output,
      readyTimeoutMs: 120_000,
    });
    stack.push('services, with a deadline', () => stopWithDeadline(platform as unknown as { services: { commands: ServiceCommand[] } }));
    // The e2e helpers (support/platform.ts) find the system through this file.
    const env: E2eEnv = { gatewayUrl: platform.gatewayUrl, adminToken, databaseUrl: infra.databaseUrl, natsUrl: infra.natsUrl, eventsStream, eventsSubjectPrefix, chain: infra.chain, logFile };
    const envFile = join(stateDir, `bench-${runId}.json`);
    await writeFile(envFile, `${JSON.stringify(env, null, 2)}\n`, { mode: 0o600 });
    stack.push('bench env file', () => rm(envFile, { force: true }));
    process.env.OPENCHECKOUT_E2E_FILE = envFile;

    const merchant = await createMerchant('Bench store');
    const first = await createSession(merchant.key, { amount: { value: '25.00', currency: 'USD' } });
    if (first.status !== 200) throw new Error(`session create answered ${first.status}: ${JSON.stringify(first.body)}`);

    progress(`warm-up: ${CONNECTIONS} connections for 2 s`);
    await gatewayLoad({ gatewayUrl: platform.gatewayUrl, key: merchant.key, connections: CONNECTIONS, seconds: 2 });
    progress(`gateway: POST /api/v1/checkout_sessions, ${CONNECTIONS} connections for ${seconds} s`);
    const gateway = await gatewayLoad({ gatewayUrl: platform.gatewayUrl, key: merchant.key, connections: CONNECTIONS, seconds });
    progress(`floor: NATS request-reply + one Postgres append, ${CONNECTIONS} concurrent for ${seconds} s`);
    const floor = await floorLoad({ databaseUrl: infra.databaseUrl, natsUrl: infra.natsUrl, concurrency: CONNECTIONS, seconds, poolSize: 10 });
    progress(`session.paid latency over ${payments} payments`);
    const paid = await sessionPaidLatency({
      key: merchant.key,
      natsUrl: infra.natsUrl,
      subjectPrefix: eventsSubjectPrefix,
      rpcUrl: infra.chain.rpcUrl,
      chainId: infra.chain.chainId,
      payments,
    });
    return {
      settings: { ...settings, CHAIN_WS_URL: ws ? 'set' : 'unset', WATCHER_POLL_INTERVAL_MS: process.env.WATCHER_POLL_INTERVAL_MS ?? 'default (1000)', connections: CONNECTIONS, seconds },
      gateway,
      floor,
      gatewayToFloor: Number((gateway.requestsPerSec / floor.opsPerSec).toFixed(2)),
      sessionPaid: paid,
    };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nService output: ${logFile}`, { cause: error });
  } finally {
    progress('stopping the platform');
    await stack.stopAll(progress);
  }
});
