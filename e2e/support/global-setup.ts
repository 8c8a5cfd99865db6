// Starts the whole system once for the black-box e2e tests, the way `npm run dev`
// does (scripts/infra/system.mjs), but isolated: a fresh database, a private NATS
// server when nats-server is installed, unique stream and subjects, a fresh
// chain and free ports. Connection info goes to `.opencheckout/e2e-<run>.json`,
// named to the workers by OPENCHECKOUT_E2E_FILE (see e2e-env.ts). Jest loads
// this file outside its module mapper: import only .mjs modules here.
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { build, buildWeb } from '../../scripts/build.mjs';
import { freePort } from '../../scripts/infra/net.mjs';
import { stateDir } from '../../scripts/infra/paths.mjs';
import { Stack, startInfra, startPlatform } from '../../scripts/infra/system.mjs';

const KEY = Symbol.for('opencheckout.e2eStack');
const SIGNAL_KEY = Symbol.for('opencheckout.e2eSignal');
type Holder = typeof globalThis & { [KEY]?: Stack; [SIGNAL_KEY]?: (signal: NodeJS.Signals) => void };

export default async function globalSetup(): Promise<void> {
  const stack = new Stack();
  (globalThis as Holder)[KEY] = stack;
  // Jest runs no teardown when it is interrupted or killed (a timeout, Ctrl-C):
  // stop the system then too, or its processes would outlive the run.
  const onSignal = (signal: NodeJS.Signals) => {
    void stack.stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  (globalThis as Holder)[SIGNAL_KEY] = onSignal;
  const runId = randomBytes(4).toString('hex');
  const logDir = join(stateDir, 'e2e-logs');
  await mkdir(logDir, { recursive: true });
  const logFile = join(logDir, `services-${runId}.log`);
  const output = createWriteStream(logFile);
  stack.push('service log', () => new Promise<void>((resolve) => output.end(resolve)));
  try {
    await build({ quiet: true });
    await buildWeb({ quiet: true });
    const infra = await startInfra('e2e', { stack });
    const adminToken = `oc_admin_${randomBytes(24).toString('hex')}`;
    const eventsStream = `E2E_EVENTS_${runId.toUpperCase()}`;
    const eventsSubjectPrefix = `e2e_${runId}`;
    const platform = await startPlatform(infra, {
      gatewayPort: await freePort(),
      adminToken,
      encryptionKey: randomBytes(32).toString('hex'),
      eventsStream,
      eventsSubjectPrefix,
      logLevel: process.env.LOG_LEVEL ?? 'info',
      outputStream: output,
      readyTimeoutMs: 120_000,
    });
    const env = {
      gatewayUrl: platform.gatewayUrl,
      adminToken,
      databaseUrl: infra.databaseUrl,
      natsUrl: infra.natsUrl,
      eventsStream,
      eventsSubjectPrefix,
      // With the test USDC's address (chain.usdcAddress).
      chain: platform.chain,
      logFile,
    };
    // One file per run: several e2e runs may share this checkout at once.
    const file = join(stateDir, `e2e-${runId}.json`);
    await writeFile(file, `${JSON.stringify(env, null, 2)}\n`, { mode: 0o600 });
    stack.push('e2e env file', () => rm(file, { force: true }));
    // Workers start after this and inherit these.
    process.env.OPENCHECKOUT_E2E_FILE = file;
    process.env.E2E_GATEWAY_URL = platform.gatewayUrl;
    process.env.E2E_CHAIN_RPC_URL = infra.chain.rpcUrl;
  } catch (error) {
    await stack.stopAll();
    delete (globalThis as Holder)[KEY];
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`e2e setup failed: ${message}\nService output: ${logFile}`, { cause: error });
  }
}
