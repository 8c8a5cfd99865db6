// One way to start the whole platform, used by `npm run dev` and the e2e setup:
// infrastructure (Postgres, NATS, chain), then the build, then every service.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmbeddedPostgres, ensureDatabase, dropDatabase, canQuery } from './postgres.mjs';
import { findNatsServer, startNatsServer, NATS_INSTALL_HINT } from './nats.mjs';
import { startAnvil, rpcChainId } from './anvil.mjs';
import { freePort, probeTcp } from './net.mjs';
import { stateDir } from './paths.mjs';
import { discoverServices, serviceEnv, startServices, waitForGateway } from './services.mjs';
import { ensureTestToken } from './test-token.mjs';

/** Fixed local ports of `npm run dev` (README "Configuration"). */
export const DEV_PORTS = { postgres: 54320, nats: 4223, anvil: 8545, gateway: 3000 };
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Stops things in reverse start order; each stop runs even if an earlier one failed. */
export class Stack {
  #stops = [];
  push(name, stop) {
    this.#stops.push({ name, stop });
  }
  async stopAll(log = () => {}) {
    while (this.#stops.length) {
      const { name, stop } = this.#stops.pop();
      try {
        await stop();
        log(`stopped ${name}`);
      } catch (error) {
        log(`stopping ${name} failed: ${error.message ?? error}`);
      }
    }
  }
}

/** Reads a JSON file under .opencheckout, or null. */
export async function readState(name) {
  const path = join(stateDir, name);
  if (!existsSync(path)) return null;
  return JSON.parse(await readFile(path, 'utf8'));
}

export async function writeState(name, value) {
  await mkdir(stateDir, { recursive: true });
  await writeFile(join(stateDir, name), `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
}

/** The admin token and the at-rest encryption key of dev runs: made once, then kept. */
export async function devSecrets() {
  const existing = await readState('secrets.json');
  if (existing?.adminToken && existing?.encryptionKey && existing?.webhookKeys) return existing;
  const secrets = {
    adminToken: existing?.adminToken ?? `oc_admin_${randomBytes(24).toString('hex')}`,
    encryptionKey: existing?.encryptionKey ?? randomBytes(32).toString('hex'),
    webhookKeys: existing?.webhookKeys ?? webhookKeyPair(),
  };
  await writeState('secrets.json', secrets);
  return secrets;
}

/**
 * The webhook dispatcher's RSA key pair (PEM): dashboard-api
 * encrypts endpoint secrets to the public key, only the dispatcher can decrypt.
 */
export function webhookKeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 3072,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKey, privateKey };
}

/**
 * Postgres: DATABASE_URL when set; else (dev) an embedded server with data in
 * .opencheckout/pg, or (e2e) a fresh database on the local server at :5432
 * when it answers, else on a throwaway embedded server.
 */
async function providePostgres(mode, stack, log) {
  if (mode === 'dev') {
    if (process.env.DATABASE_URL) return { databaseUrl: process.env.DATABASE_URL, source: 'DATABASE_URL' };
    log(`starting embedded Postgres on 127.0.0.1:${DEV_PORTS.postgres} (data in .opencheckout/pg)`);
    const server = await startEmbeddedPostgres({ dataDir: join(stateDir, 'pg'), port: DEV_PORTS.postgres });
    stack.push('postgres', server.stop);
    return { databaseUrl: await ensureDatabase(server.url, 'opencheckout'), source: 'embedded' };
  }
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl && (await probeTcp('127.0.0.1', 5432)) && (await canQuery(LOCAL_POSTGRES))) adminUrl = LOCAL_POSTGRES;
  if (!adminUrl) {
    const dataDir = join(stateDir, `e2e-pg-${process.pid}`);
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    stack.push('postgres', async () => {
      await server.stop();
      await rm(server.dataDir, { recursive: true, force: true });
    });
    adminUrl = server.url;
  }
  const name = `oc_e2e_${randomBytes(6).toString('hex')}`;
  const databaseUrl = await ensureDatabase(adminUrl, name);
  stack.push(`database ${name}`, () => dropDatabase(adminUrl, name));
  return { databaseUrl, source: adminUrl === process.env.DATABASE_URL ? 'DATABASE_URL' : 'local' };
}

/**
 * NATS: (dev) NATS_URL, else nats-server with data in .opencheckout/nats.
 * (e2e) a private nats-server on a free port when the binary exists, because
 * request-reply subjects cannot be namespaced per run; else NATS_URL.
 */
async function provideNats(mode, stack, log) {
  if (mode === 'dev' && process.env.NATS_URL) return { natsUrl: process.env.NATS_URL };
  if (mode === 'e2e' && !findNatsServer()) {
    if (process.env.NATS_URL) return { natsUrl: process.env.NATS_URL };
    throw new Error(NATS_INSTALL_HINT);
  }
  const port = mode === 'dev' ? DEV_PORTS.nats : await freePort();
  const storeDir = join(stateDir, mode === 'dev' ? 'nats' : `e2e-nats-${process.pid}`);
  log(`starting nats-server -js on 127.0.0.1:${port}`);
  // dev stops services before infrastructure, so Ctrl-C must reach dev alone (detached).
  const server = await startNatsServer({
    storeDir,
    port,
    pidFile: mode === 'dev' ? join(stateDir, 'nats.pid') : undefined,
    detached: mode === 'dev',
  });
  stack.push('nats-server', async () => {
    await server.stop();
    if (mode === 'e2e') await rm(storeDir, { recursive: true, force: true });
  });
  return { natsUrl: server.url };
}

/** Chain: CHAIN_RPC_URL (+ CHAIN_ID, else asked of the node), else anvil. */
async function provideChain(mode, stack, log) {
  if (process.env.CHAIN_RPC_URL) {
    const rpcUrl = process.env.CHAIN_RPC_URL;
    const chainId = process.env.CHAIN_ID ? Number(process.env.CHAIN_ID) : await rpcChainId(rpcUrl);
    return { rpcUrl, chainId };
  }
  const port = mode === 'dev' ? DEV_PORTS.anvil : await freePort();
  // e2e automines (a block per transaction) and tests mine confirmations themselves: no waiting on a block timer.
  const blockTime = Number(process.env.CHAIN_BLOCK_TIME ?? (mode === 'dev' ? 2 : 0));
  log(`starting anvil on 127.0.0.1:${port} (block time ${blockTime || 'auto'}s)`);
  const anvil = await startAnvil({
    port,
    chainId: Number(process.env.CHAIN_ID ?? 31337),
    blockTime: blockTime || undefined,
    statePath: mode === 'dev' ? join(stateDir, 'anvil-state.json') : undefined,
    pidFile: mode === 'dev' ? join(stateDir, 'anvil.pid') : undefined,
    detached: mode === 'dev',
  });
  stack.push('anvil', anvil.stop);
  return { rpcUrl: anvil.rpcUrl, wsUrl: anvil.wsUrl, chainId: anvil.chainId };
}

/**
 * Starts infrastructure for `mode` ('dev' | 'e2e'). Resolves
 * `{ mode, databaseUrl, natsUrl, chain, stack }`; `stack.stopAll()` undoes it.
 */
export async function startInfra(mode, { log = () => {}, stack = new Stack() } = {}) {
  await mkdir(stateDir, { recursive: true });
  // allSettled: when one fails, the others still finish starting and land on the stack to be stopped.
  const settled = await Promise.allSettled([
    providePostgres(mode, stack, log),
    provideNats(mode, stack, log),
    provideChain(mode, stack, log),
  ]);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  const [postgres, nats, chain] = settled.map((s) => s.value);
  return { mode, databaseUrl: postgres.databaseUrl, natsUrl: nats.natsUrl, chain, stack };
}

/**
 * Starts every service against `infra` and waits for the gateway's /readyz.
 * Resolves `{ gatewayUrl, services, env, names, chain }` (`chain` with the test USDC's
 * `usdcAddress`); the services' stop is pushed onto the stack.
 */
export async function startPlatform(infra, { gatewayPort, adminToken, encryptionKey, webhookKeys = webhookKeyPair(), eventsStream, eventsSubjectPrefix, logLevel, outputStream, readyTimeoutMs }) {
  const names = discoverServices();
  if (!names.includes('gateway')) {
    throw new Error(`No services/gateway/src/main.ts: nothing can answer HTTP yet (services found: ${names.join(', ') || 'none'}).`);
  }
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const chain = { ...infra.chain, usdcAddress: process.env.DEV_USDC_ADDRESS ?? (await provideTestToken(infra)) };
  const env = serviceEnv(process.env, {
    mode: infra.mode,
    databaseUrl: infra.databaseUrl,
    natsUrl: infra.natsUrl,
    chain,
    gatewayPort,
    publicUrl: process.env.PUBLIC_URL ?? gatewayUrl,
    adminToken,
    encryptionKey,
    webhookKeys,
    readyServices: names.filter((name) => name !== 'gateway'),
    eventsStream,
    eventsSubjectPrefix,
    logLevel,
  });
  const services = await startServices(names, env, { outputStream });
  infra.stack.push('services', services.stop);
  await waitForGateway(gatewayUrl, services.firstExit, { timeoutMs: readyTimeoutMs });
  return { gatewayUrl, services, env, names, chain };
}

/**
 * The test USDC for the services (DEV_USDC_ADDRESS). Dev remembers it in
 * .opencheckout/chain.json (the chain simulator's file), so a run on a persisted
 * anvil state reuses it; e2e deploys on its fresh chain every time.
 */
async function provideTestToken(infra) {
  if (infra.mode !== 'dev') return ensureTestToken(infra.chain);
  const saved = (await readState('chain.json')) ?? {};
  const known = saved.tokens?.[infra.chain.chainId]?.USDC;
  const address = await ensureTestToken(infra.chain, { known });
  if (address && address !== known) {
    await writeState('chain.json', { ...saved, tokens: { ...saved.tokens, [infra.chain.chainId]: { ...saved.tokens?.[infra.chain.chainId], USDC: address } } });
  }
  return address;
}
