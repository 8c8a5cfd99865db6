/* global AbortSignal */
// The platform's services as child processes: discovery, environment, readiness.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';
import { GiveUp, waitFor } from './net.mjs';

/** Start order matters little (each waits for its peers), but the gateway goes last. */
export const SERVICE_NAMES = ['session', 'payment-watcher', 'webhook-dispatcher', 'dashboard-api', 'gateway'];

/** Services that exist in the tree (a `src/main.ts`), in start order. services/web is not a process. */
export function discoverServices() {
  const dir = join(repoRoot, 'services');
  const present = existsSync(dir)
    ? readdirSync(dir).filter((name) => name !== 'web' && existsSync(join(dir, name, 'src', 'main.ts')))
    : [];
  return [...SERVICE_NAMES.filter((name) => present.includes(name)), ...present.filter((n) => !SERVICE_NAMES.includes(n)).sort()];
}

/**
 * e2e runs wait seconds, not hours, for a webhook retry; a hung receiver holds
 * a delivery for seconds. The caller's environment still wins.
 */
export const E2E_WEBHOOK_ENV = { WEBHOOK_RETRY_SCHEDULE: '200ms,400ms,800ms,1s,1s,1s', WEBHOOK_TIMEOUT_MS: '5000' };

/**
 * e2e sessions may expire within seconds, with a grace window of seconds, and
 * are swept and watched every 200 ms, so the lifecycle tests run in seconds.
 * The caller's environment still wins.
 */
export const E2E_PAYMENT_ENV = {
  SESSION_MIN_EXPIRES_SECONDS: '2',
  SESSION_LATE_GRACE_SECONDS: '8',
  SESSION_EXPIRY_SWEEP_MS: '200',
  WATCHER_POLL_INTERVAL_MS: '200',
};

/**
 * The environment every service reads (README "Configuration").
 * `base` is the caller's environment; values here win.
 */
export function serviceEnv(base, { mode, databaseUrl, natsUrl, chain, gatewayPort, publicUrl, adminToken, encryptionKey, webhookKeys, readyServices, eventsStream, eventsSubjectPrefix, logLevel }) {
  return {
    ...(mode === 'e2e' ? { ...E2E_WEBHOOK_ENV, ...E2E_PAYMENT_ENV } : {}),
    ...base,
    NODE_ENV: base.NODE_ENV ?? 'development',
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    LOG_LEVEL: logLevel ?? base.LOG_LEVEL ?? 'info',
    EVENTS_STREAM: eventsStream,
    EVENTS_SUBJECT_PREFIX: eventsSubjectPrefix,
    CHAIN_RPC_URL: chain.rpcUrl,
    CHAIN_ID: String(chain.chainId),
    // New heads over WebSocket wake the watcher at once; polling stays the fallback.
    ...(chain.wsUrl && !base.CHAIN_WS_URL ? { CHAIN_WS_URL: chain.wsUrl } : {}),
    ...(chain.usdcAddress && !base.DEV_USDC_ADDRESS ? { DEV_USDC_ADDRESS: chain.usdcAddress } : {}),
    PUBLIC_URL: publicUrl,
    PORT: String(gatewayPort),
    OPENCHECKOUT_ADMIN_TOKEN: adminToken,
    OPENCHECKOUT_ENCRYPTION_KEY: encryptionKey,
    WEBHOOK_SIGNING_PUBLIC_KEY: base.WEBHOOK_SIGNING_PUBLIC_KEY ?? webhookKeys?.publicKey,
    WEBHOOK_SIGNING_PRIVATE_KEY: base.WEBHOOK_SIGNING_PRIVATE_KEY ?? webhookKeys?.privateKey,
    GATEWAY_READY_SERVICES: base.GATEWAY_READY_SERVICES ?? readyServices?.join(','),
  };
}

/**
 * Starts each service as `node services/<name>/dist/main.js` under concurrently
 * (prefixed, coloured output). Resolves `{ result, commands, stop }`; `result`
 * settles when every service has exited.
 */
export async function startServices(names, env, { outputStream } = {}) {
  const { concurrently } = await import('concurrently');
  const colors = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red'];
  const { result, commands } = concurrently(
    names.map((name, i) => ({
      name,
      // `exec` so the signal reaches node itself, not a shell around it.
      command: `exec node --enable-source-maps services/${name}/dist/main.js`,
      env: name === 'gateway' ? env : { ...env, PORT: undefined },
      prefixColor: colors[i % colors.length],
      cwd: repoRoot,
    })),
    {
      prefix: 'name',
      padPrefix: true,
      killOthersOn: ['failure', 'success'],
      killSignal: 'SIGTERM',
      killTimeout: 10_000,
      handleInput: false,
      ...(outputStream ? { outputStream } : {}),
    },
  );
  const closed = result.then(
    () => undefined,
    () => undefined,
  );
  // A service that exits while the system should be running is a failure, whatever its code.
  const firstExit = new Promise((resolve) => {
    for (const command of commands) command.close.subscribe((event) => resolve({ name: command.name, code: event.exitCode }));
  });
  return {
    commands,
    result,
    firstExit,
    async stop() {
      // kill() itself skips a command that already exited (concurrently has no `killable` property).
      for (const command of commands) command.kill('SIGTERM');
      await closed;
    },
  };
}

/** Waits until the gateway answers 200 on /readyz, failing early if a service exits. */
export async function waitForGateway(gatewayUrl, firstExit, { timeoutMs = 90_000 } = {}) {
  let exited = null;
  firstExit.then((exit) => {
    exited = exit;
  });
  await waitFor(
    async () => {
      if (exited) throw new ServiceExitedError(exited);
      const response = await fetch(`${gatewayUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      return response.status === 200;
    },
    { timeoutMs, intervalMs: 250, what: `${gatewayUrl}/readyz to answer 200` },
  ).catch((error) => {
    if (exited) throw new ServiceExitedError(exited);
    throw error;
  });
}

export class ServiceExitedError extends GiveUp {
  constructor({ name, code }) {
    super(`Service "${name}" exited early (exit code ${code}); see its output.`);
    this.service = name;
  }
}
