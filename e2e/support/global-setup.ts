// Starts the whole system once for the black-box e2e tests, the way `npm run dev`
// does (scripts/infra/system.mjs), but isolated: a fresh database, a private NATS
// server when nats-server is installed, unique stream and subjects, a fresh
// chain and free ports. Jest loads this file outside its module mapper: import
// only .mjs modules here.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { build } from '../../scripts/build.mjs';
import { freePort } from '../../scripts/infra/net.mjs';
import { stateDir } from '../../scripts/infra/paths.mjs';
import { Stack, startInfra, startPlatform } from '../../scripts/infra/system.mjs';

const KEY = Symbol.for('opencheckout.e2eStack');
type Holder = typeof globalThis & { [KEY]?: Stack };

export default async function globalSetup(): Promise<void> {
  const stack = new Stack();
  (globalThis as Holder)[KEY] = stack;
  const runId = randomBytes(4).toString('hex');
  const logDir = join(stateDir, 'e2e-logs');
  await mkdir(logDir, { recursive: true });
  const logFile = join(logDir, `services-${runId}.log`);
  const output = createWriteStream(logFile);
  stack.push('service log', () => new Promise<void>((resolve) => output.end(resolve)));
  try {
    await build({ quiet: true });
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
      chain: infra.chain,
      logFile,
    };
    const file = join(stateDir, 'e2e.json');
    await writeFile(file, `${JSON.stringify(env, null, 2)}\n`, { mode: 0o600 });
    // Workers start after this and inherit these.
    process.env.OPENCHECKOUT_E2E_FILE = file;
    process.env.E2E_GATEWAY_URL = platform.gatewayUrl;
    process.env.E2E_CHAIN_RPC_URL = infra.chain.rpcUrl;
  } catch (error) {
    await stack.stopAll();
    delete (globalThis as Holder)[KEY];
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`e2e setup failed: ${message}\nService output: ${logFile}`, { cause: error });
  }
}
