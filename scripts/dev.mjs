#!/usr/bin/env node
// `npm run dev`: the whole platform on one machine. Postgres, NATS and a chain
// come from DATABASE_URL / NATS_URL / CHAIN_RPC_URL or are started here (state
// kept under .opencheckout/ so a second run continues), then the build, every
// service, a demo merchant, and the URLs and test key are printed.
// Ctrl-C / SIGTERM stop every child, infrastructure included.
import { build, buildWeb } from './build.mjs';
import { probeTcp } from './infra/net.mjs';
import { DEV_PORTS, Stack, devSecrets, readState, startInfra, startPlatform, writeState } from './infra/system.mjs';

const bold = (s) => `\x1b[1m${s}\x1b[0m`;
const log = (message) => console.log(`\x1b[2m[dev]\x1b[0m ${message}`);

const stack = new Stack();
let shuttingDown = false;
// What is being started right now: a stop waits for it, so nothing half-started is left behind.
let starting = Promise.resolve();

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  log('stopping…');
  await starting.catch(() => undefined);
  await stack.stopAll(log);
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(0));

async function ensureDemoMerchant(gatewayUrl, adminToken) {
  const previous = await readState('dev.json');
  if (previous?.merchantId && previous?.apiKey && previous.adminToken === adminToken) {
    // The database may have been replaced since (another DATABASE_URL): check the key still works.
    const check = await fetch(`${gatewayUrl}/api/v1/checkout_sessions?limit=1`, {
      headers: { authorization: `Bearer ${previous.apiKey}` },
    }).catch(() => null);
    if (check?.ok) return { merchantId: previous.merchantId, apiKey: previous.apiKey, reused: true };
  }
  const response = await fetch(`${gatewayUrl}/api/admin/merchants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Demo store' }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok || !body?.merchant?.id || !body?.apiKey?.secret) {
    throw new Error(`Creating the demo merchant failed: HTTP ${response.status} ${JSON.stringify(body)}`);
  }
  return { merchantId: body.merchant.id, apiKey: body.apiKey.secret, reused: false };
}

/**
 * The demo merchant receives on a watch-only wallet: the account-1 xpub of
 * anvil's well-known test mnemonic (account 0 pays), so the demo's money can
 * be inspected with any wallet. Waits until a session can be created.
 */
async function ensureDemoWallet(gatewayUrl, apiKey) {
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const listed = await fetch(`${gatewayUrl}/api/v1/wallets`, { headers }).then((r) => r.json());
  if (!Array.isArray(listed?.data) || listed.data.length === 0) {
    const { HDKey } = await import('@scure/bip32');
    const { mnemonicToSeedSync } = await import('@scure/bip39');
    const xpub = HDKey.fromMasterSeed(mnemonicToSeedSync('test test test test test test test test test test test junk')).derive(
      "m/44'/60'/1'",
    ).publicExtendedKey;
    const added = await fetch(`${gatewayUrl}/api/v1/wallets`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ xpub, label: 'Demo wallet (anvil test mnemonic, account 1)' }),
    });
    if (!added.ok) throw new Error(`Adding the demo wallet failed: HTTP ${added.status} ${await added.text()}`);
  }
  const deadline = Date.now() + 15_000;
  for (;;) {
    const probe = await fetch(`${gatewayUrl}/api/v1/wallets`, { headers }).then((r) => r.json());
    if (Array.isArray(probe?.data) && probe.data.length > 0) break;
    if (Date.now() > deadline) throw new Error('The demo wallet did not appear in time.');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function printSummary(info, reused) {
  const curl = [
    `curl -s -X POST ${info.gatewayUrl}/api/v1/checkout_sessions \\`,
    `  -H "Authorization: Bearer ${info.apiKey}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -H "Idempotency-Key: $(date +%s%N)" \\`,
    `  -d '{"amount":{"value":"50.00","currency":"USD"},"metadata":{"orderId":"demo-1"}}'`,
  ].join('\n');
  console.log(
    [
      '',
      bold('OpenCheckout is running'),
      `  gateway     ${info.gatewayUrl}`,
      `  dashboard   ${info.dashboardUrl}`,
      `  chain       ${info.chain.rpcUrl} (chain id ${info.chain.chainId})`,
      `  merchant    ${info.merchantId}${reused ? ' (from the previous run)' : ''}`,
      `  test key    ${info.apiKey}`,
      `  admin token in .opencheckout/dev.json`,
      '',
      'Create a checkout session:',
      curl,
      '',
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

async function main() {
  const secrets = await devSecrets();
  const gatewayPort = Number(process.env.PORT ?? DEV_PORTS.gateway);
  if (await probeTcp('127.0.0.1', gatewayPort)) {
    throw new Error(`Port ${gatewayPort} is taken: stop what listens there or set PORT.`);
  }
  const infraStarting = startInfra('dev', { log, stack });
  starting = infraStarting;
  const infra = await infraStarting;
  if (shuttingDown) return;
  log(`Postgres ${redact(infra.databaseUrl)}, NATS ${infra.natsUrl}, chain ${infra.chain.rpcUrl}`);
  await build();
  await buildWeb();
  const platform = await startPlatform(infra, {
    gatewayPort,
    adminToken: process.env.OPENCHECKOUT_ADMIN_TOKEN ?? secrets.adminToken,
    encryptionKey: process.env.OPENCHECKOUT_ENCRYPTION_KEY ?? secrets.encryptionKey,
    webhookKeys: secrets.webhookKeys,
    eventsStream: process.env.EVENTS_STREAM ?? 'EVENTS',
    eventsSubjectPrefix: process.env.EVENTS_SUBJECT_PREFIX ?? 'events',
    readyTimeoutMs: 120_000,
  });
  // A service that stops while dev runs takes the whole run down, loudly.
  platform.services.firstExit.then(({ name, code }) => {
    if (shuttingDown) return;
    console.error(`\n[dev] service "${name}" exited (code ${code}); stopping everything.`);
    void shutdown(1);
  });
  const adminToken = platform.env.OPENCHECKOUT_ADMIN_TOKEN;
  const merchant = await ensureDemoMerchant(platform.gatewayUrl, adminToken);
  await ensureDemoWallet(platform.gatewayUrl, merchant.apiKey);
  const info = {
    gatewayUrl: platform.gatewayUrl,
    dashboardUrl: `${platform.gatewayUrl}/dashboard`,
    adminToken,
    merchantId: merchant.merchantId,
    apiKey: merchant.apiKey,
    chain: { rpcUrl: infra.chain.rpcUrl, chainId: infra.chain.chainId },
  };
  await writeState('dev.json', info);
  printSummary(info, merchant.reused);
}

function redact(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

main().catch(async (error) => {
  if (shuttingDown) return;
  console.error(`\n[dev] ${error.message ?? error}`);
  await shutdown(1);
});
