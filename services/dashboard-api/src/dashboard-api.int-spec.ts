import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { create, type JsonObject, type Message } from '@bufbuild/protobuf';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { hashApiKey } from '@opencheckout/api-keys';
import { decryptSecret, parseSecretKey, xpubFromMnemonic } from '@opencheckout/chain';
import {
  FiatAmountSchema,
  PaymentAssetSchema,
  PaymentRefSchema,
  RpcSubjects,
  SessionCreatedSchema,
  SessionExpiredSchema,
  SessionMode,
  SessionPaidSchema,
  WebhookEndpointDisabledSchema,
  encodeEventData,
} from '@opencheckout/contracts';
import { AppError } from '@opencheckout/errors';
import { durableNameFor, encodeEventMessage, runRebuildCommand } from '@opencheckout/messaging';
import { RpcClient, startMicroservice } from '@opencheckout/nest-kit';
import { createTestDatabase, freePort, testNatsUrl, uniqueName, type TestDatabase } from '@opencheckout/testing';
import { findNatsServer, startNatsServer } from '../../../scripts/infra/nats.mjs';
import { decryptAsDispatcher, generateDispatcherKeyPair } from '@opencheckout/webhooks';
import { DashboardConfig } from './config/dashboard.config.js';
import { DashboardApp } from './dashboard-app.js';
import { DashboardModule } from './dashboard.module.js';
import { IdempotencyStore } from './infra/idempotency-store.js';
import { dashboardProjections } from './infra/projections/dashboard-projections.js';

const silent = pino({ level: 'silent' });
const M = RpcSubjects.merchant;
const MNEMONIC = 'legal winner thank year wave sausage worth useful legal winner thank yellow';

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('dashboard-api over request-reply', () => {
  let db: TestDatabase;
  let app: DashboardApp;
  let nest: INestApplicationContext;
  let rpc: RpcClient;
  let nc: NatsConnection;
  let js: JetStreamClient;
  const streamName = uniqueName('EVENTS');
  const subjectPrefix = uniqueName('evt').toLowerCase();
  const dispatcher = generateDispatcherKeyPair(2048);
  const encryptionKey = randomBytes(32).toString('hex');

  let merchantA: string;
  let merchantB: string;
  let keyA: { id: string; secret: string };

  const ctx = (merchantId: string, extra: Record<string, unknown> = {}) => ({
    merchantId,
    livemode: false,
    keyId: 'key_caller',
    correlationId: 'corr-test',
    ...extra,
  });
  const call = <T = JsonObject>(subject: string, payload: unknown) => rpc.request<T>(subject, payload, { timeoutMs: 15_000 });

  let privateNats: { stop(): Promise<unknown>; dir: string } | undefined;

  /**
   * The merchant.* subjects are fixed, so on the shared server a dashboard-api
   * someone else runs would answer too: a private nats-server keeps the replies
   * ours. Without the binary, the shared server (unique stream and prefix) it is.
   */
  async function natsForThisFile(): Promise<string> {
    if (findNatsServer() === null) return testNatsUrl();
    const dir = await mkdtemp(join(tmpdir(), 'oc-dashboard-nats-'));
    const server = await startNatsServer({ storeDir: dir, port: await freePort() });
    privateNats = { stop: server.stop, dir };
    return server.url;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const natsUrl = await natsForThisFile();
    const config = Object.assign(new DashboardConfig(), {
      OPENCHECKOUT_ENCRYPTION_KEY: encryptionKey,
      WEBHOOK_SIGNING_PUBLIC_KEY: Buffer.from(dispatcher.publicKeyPem).toString('base64'),
    });
    app = await DashboardApp.start({
      databaseUrl: db.url,
      databasePoolSize: 20,
      natsUrl,
      streamName,
      subjectPrefix,
      dashboard: config,
      logger: silent,
      // Pinned DNS: one public name, one that points inside the network.
      resolve: async (host) => (host === 'internal.example.com' ? ['10.0.0.7'] : ['93.184.216.34']),
    });
    nest = await startMicroservice(DashboardModule.forApp(app), { name: uniqueName('dashboard-api'), natsUrl });
    rpc = new RpcClient(ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [natsUrl] } }));
    await rpc.connect();
    nc = await connect({ servers: natsUrl });
    js = jetstream(nc);
  });

  afterAll(async () => {
    await rpc?.close();
    await nest?.close();
    await app?.runtime.jsm.streams.delete(streamName).catch(() => undefined);
    await nc?.close();
    await db?.drop();
    await privateNats?.stop();
    if (privateNats) await rm(privateNats.dir, { recursive: true, force: true });
  });

  /** Publishes a fact on the events stream as another service's relay would. */
  async function publish(type: string, message: Message, streamId: string, version: number, occurredAt: string): Promise<void> {
    const eventId = randomUUID();
    const encoded = encodeEventMessage(
      {
        eventId,
        type,
        schemaVersion: 1,
        streamId,
        version,
        globalPosition: BigInt(version),
        occurredAt,
        metadata: { eventId, correlationId: eventId, occurredAt },
        data: encodeEventData(type, message),
      },
      subjectPrefix,
    );
    await js.publish(encoded.subject, encoded.body, { msgID: encoded.msgId });
  }

  it('creates merchants with their first test key, idempotently', async () => {
    const body = { name: 'Shop A', email: 'a@shop.test', idempotencyKey: 'op-1' };
    const first = await call<{ merchant: { merchantId: string }; apiKey: { keyId: string; livemode: boolean; scopes: string[] }; secret: string }>(
      M.create,
      body,
    );
    expect(first.secret).toMatch(/^sk_test_[0-9A-Za-z]{40}$/);
    expect(first.apiKey.livemode).toBe(false);
    expect(first.apiKey.scopes).toContain('checkout_sessions:write');
    expect(await call(M.create, body)).toEqual(first);
    expect(await failure(call(M.create, { ...body, name: 'Other' }))).toMatchObject({ type: 'idempotency_error' });
    merchantA = first.merchant.merchantId;
    keyA = { id: first.apiKey.keyId, secret: first.secret };
    merchantB = (await call<{ merchant: { merchantId: string } }>(M.create, { name: 'Shop B' })).merchant.merchantId;
    expect(merchantA).toMatch(/^mer_/);
    expect(merchantB).not.toBe(merchantA);

    // Only the hash is stored: no table holds the key.
    const dump = JSON.stringify(await app.runtime.dataSource.query(`SELECT data FROM dashboard.events`));
    expect(dump).toContain(hashApiKey(keyA.secret));
    expect(dump).not.toContain(keyA.secret);
    const answers = JSON.stringify(await app.runtime.dataSource.query(`SELECT response FROM dashboard.idempotency_keys`));
    expect(answers).not.toContain(keyA.secret);
  });

  it('makes exactly one key for concurrent creates with one Idempotency-Key', async () => {
    const request = { context: ctx(merchantA, { idempotencyKey: 'idem-concurrent' }), name: 'ci', scopes: ['checkout_sessions:write'] };
    const answers = await Promise.all(
      Array.from({ length: 16 }, () => call<{ apiKey: { keyId: string }; secret: string }>(M.createApiKey, request)),
    );
    expect(new Set(answers.map((a) => a.apiKey.keyId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.secret)).size).toBe(1);
    const list = await call<{ data: { name: string }[] }>(M.listApiKeys, { context: ctx(merchantA), page: { limit: 100 } });
    expect(list.data.filter((key) => key.name === 'ci')).toHaveLength(1);
    expect(await failure(call(M.createApiKey, { ...request, name: 'other' }))).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('keeps merchants and modes apart: keys', async () => {
    // The operator (no key) opens live mode; a test key may not.
    const live = await call<{ apiKey: { keyId: string; livemode: boolean } }>(M.createApiKey, {
      context: ctx(merchantA, { keyId: '' }),
      name: 'live',
      livemode: true,
    });
    expect(live.apiKey.livemode).toBe(true);
    expect(await failure(call(M.createApiKey, { context: ctx(merchantA), name: 'x', livemode: true }))).toMatchObject({ status: 403 });
    const testList = await call<{ data: { keyId: string }[] }>(M.listApiKeys, { context: ctx(merchantA), page: { limit: 100 } });
    expect(testList.data.map((k) => k.keyId)).not.toContain(live.apiKey.keyId);
    expect(await failure(call(M.revokeApiKey, { context: ctx(merchantA), keyId: live.apiKey.keyId }))).toMatchObject({ status: 404 });
    expect(await failure(call(M.revokeApiKey, { context: ctx(merchantB), keyId: keyA.id }))).toMatchObject({ status: 404 });
    const bList = await call<{ data: { keyId: string }[] }>(M.listApiKeys, { context: ctx(merchantB) });
    expect(bList.data.map((k) => k.keyId)).not.toContain(keyA.id);
    // A key cannot hand out more than it holds.
    expect(
      await failure(call(M.createApiKey, { context: ctx(merchantA, { scopes: ['api_keys:read', 'api_keys:write'] }), name: 'x', scopes: ['webhooks:write'] })),
    ).toMatchObject({ code: 'scope_escalation' });
    const revoked = await call<{ apiKey: { revokedAt: string } }>(M.revokeApiKey, { context: ctx(merchantA, { livemode: true }), keyId: live.apiKey.keyId });
    expect(revoked.apiKey.revokedAt).not.toBe('');
  });

  it('manages webhook endpoints: secret once and sealed to the dispatcher, limit, rotation, isolation, SSRF guard', async () => {
    const created = await call<{ endpoint: { endpointId: string; enabledEvents: string[] }; secret: string }>(M.createWebhookEndpoint, {
      context: ctx(merchantA, { idempotencyKey: 'we-1' }),
      url: 'https://hooks.example.com/a',
      enabledEvents: ['session.paid', 'webhook.test'],
    });
    expect(created.secret).toMatch(/^whsec_/);
    const id = created.endpoint.endpointId;
    const sealed = (await app.runtime.dataSource.query(
      `SELECT data->>'secretCiphertext' AS c FROM dashboard.events WHERE type = 'merchant.webhook_endpoint_created' AND data->>'endpointId' = $1`,
      [id],
    )) as { c: string }[];
    expect(decryptAsDispatcher(dispatcher.privateKeyPem, sealed[0]!.c)).toBe(created.secret);
    const got = await call<{ endpoint: Record<string, unknown> }>(M.getWebhookEndpoint, { context: ctx(merchantA), endpointId: id });
    expect(JSON.stringify(got)).not.toContain(created.secret);

    expect(await failure(call(M.getWebhookEndpoint, { context: ctx(merchantB), endpointId: id }))).toMatchObject({ status: 404 });
    expect(await failure(call(M.getWebhookEndpoint, { context: ctx(merchantA, { livemode: true }), endpointId: id }))).toMatchObject({ status: 404 });
    expect(await failure(call(M.deleteWebhookEndpoint, { context: ctx(merchantB), endpointId: id }))).toMatchObject({ status: 404 });

    for (let i = 2; i <= 5; i += 1) {
      await call(M.createWebhookEndpoint, { context: ctx(merchantA), url: `https://hooks.example.com/${i}`, enabledEvents: ['*'] });
    }
    expect(
      await failure(call(M.createWebhookEndpoint, { context: ctx(merchantA), url: 'https://hooks.example.com/6', enabledEvents: ['*'] })),
    ).toMatchObject({ code: 'webhook_endpoint_limit_reached', status: 400 });

    const before = Date.now();
    const rotated = await call<{ secret: string; previousSecretExpiresAt: string }>(M.rotateWebhookEndpointSecret, {
      context: ctx(merchantA),
      endpointId: id,
    });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    const overlap = Date.parse(rotated.previousSecretExpiresAt) - before;
    expect(overlap).toBeGreaterThan(24 * 3600 * 1000 - 60_000);
    expect(overlap).toBeLessThanOrEqual(24 * 3600 * 1000 + 60_000);
    const now = await call<{ previousSecretExpiresAt: string }>(M.rotateWebhookEndpointSecret, {
      context: ctx(merchantA),
      endpointId: id,
      overlapSeconds: 0,
    });
    expect(now.previousSecretExpiresAt).toBe('');

    const updated = await call<{ endpoint: { status: string; enabledEvents: string[] } }>(M.updateWebhookEndpoint, {
      context: ctx(merchantA),
      endpointId: id,
      enabledEvents: { types: ['session.expired'] },
      disabled: true,
    });
    expect(updated.endpoint).toMatchObject({ status: 'WEBHOOK_ENDPOINT_STATUS_DISABLED', enabledEvents: ['session.expired'] });

    // Live mode refuses targets inside the network, by literal address or by what the name resolves to.
    for (const url of ['http://127.0.0.1:8080/hook', 'https://internal.example.com/hook', 'http://169.254.169.254/']) {
      expect(await failure(call(M.createWebhookEndpoint, { context: ctx(merchantA, { livemode: true }), url, enabledEvents: ['*'] }))).toMatchObject({
        param: 'url',
        status: 400,
      });
    }
    const liveOk = await call<{ endpoint: { livemode: boolean } }>(M.createWebhookEndpoint, {
      context: ctx(merchantA, { livemode: true }),
      url: 'https://hooks.example.com/live',
      enabledEvents: ['session.paid'],
    });
    expect(liveOk.endpoint.livemode).toBe(true);
    const deleted = await call<{ deleted: boolean }>(M.deleteWebhookEndpoint, { context: ctx(merchantA), endpointId: id });
    expect(deleted.deleted).toBe(true);
  });

  it('records an endpoint the dispatcher disabled, with its reason', async () => {
    const created = await call<{ endpoint: { endpointId: string } }>(M.createWebhookEndpoint, {
      context: ctx(merchantA),
      url: 'https://hooks.example.com/gone',
      enabledEvents: ['session.paid'],
    });
    const endpointId = created.endpoint.endpointId;
    await publish(
      'webhook.endpoint_disabled',
      create(WebhookEndpointDisabledSchema, { endpointId, merchantId: merchantA, livemode: false, reason: 'The endpoint answered 410 Gone.', disabledAt: new Date().toISOString() }),
      `webhook_endpoint-${endpointId}`,
      1,
      new Date().toISOString(),
    );
    const disabled = await waitFor(async () => {
      const got = await call<{ endpoint: { status: string; disabledReason: string } }>(M.getWebhookEndpoint, { context: ctx(merchantA), endpointId });
      return got.endpoint.status === 'WEBHOOK_ENDPOINT_STATUS_DISABLED' ? got.endpoint : undefined;
    }, 'the endpoint to read as disabled');
    expect(disabled.disabledReason).toBe('The endpoint answered 410 Gone.');
    const [caused] = (await app.runtime.dataSource.query(
      `SELECT metadata->>'causationId' AS c FROM dashboard.events WHERE type = 'merchant.webhook_endpoint_updated' AND data->>'endpointId' = $1`,
      [endpointId],
    )) as { c: string }[];
    expect(caused!.c).toMatch(/^[0-9a-f-]{36}$/);
    await call(M.deleteWebhookEndpoint, { context: ctx(merchantA), endpointId });
  });

  it('adds a wallet from a mnemonic: the xpub in the open, the phrase only sealed at rest', async () => {
    const added = await call<{ wallet: { walletId: string; xpub: string; source: string } }>(M.addWallet, {
      context: ctx(merchantA, { idempotencyKey: 'wal-1' }),
      chainFamily: 'evm',
      mnemonic: MNEMONIC,
      label: 'imported',
    });
    expect(added.wallet.xpub).toBe(await xpubFromMnemonic(MNEMONIC));
    expect(added.wallet.source).toBe('WALLET_SOURCE_MNEMONIC');
    expect(JSON.stringify(added)).not.toContain('sausage');
    const db = app.runtime.dataSource;
    const everything = JSON.stringify([
      await db.query(`SELECT data, metadata FROM dashboard.events`),
      await db.query(`SELECT * FROM dashboard.outbox`).catch(() => []),
      await db.query(`SELECT * FROM dashboard.idempotency_keys`),
      await db.query(`SELECT data FROM dashboard.events_log`),
    ]);
    expect(everything).not.toContain('sausage');
    const [sealed] = (await db.query(`SELECT ciphertext FROM dashboard.wallet_secrets WHERE wallet_id = $1`, [added.wallet.walletId])) as {
      ciphertext: string;
    }[];
    expect(sealed!.ciphertext).not.toContain('sausage');
    expect(decryptSecret(sealed!.ciphertext, [parseSecretKey('k1', encryptionKey)])).toBe(MNEMONIC);

    expect(await failure(call(M.addWallet, { context: ctx(merchantA), mnemonic: 'not a phrase at all' }))).toMatchObject({ code: 'mnemonic_invalid' });
    expect((await call<{ data: unknown[] }>(M.listWallets, { context: ctx(merchantA, { livemode: true }) })).data).toEqual([]);
    expect(await failure(call(M.removeWallet, { context: ctx(merchantB), walletId: added.wallet.walletId }))).toMatchObject({ status: 404 });
    await call(M.removeWallet, { context: ctx(merchantA), walletId: added.wallet.walletId });
    expect(await db.query(`SELECT 1 FROM dashboard.wallet_secrets WHERE wallet_id = $1`, [added.wallet.walletId])).toHaveLength(0);
  });

  it('projects sessions into transactions, analytics, exports and the events log', async () => {
    const session = async (id: string, merchantId: string, minor: string, end: 'paid' | 'expired' | 'open', day: string) => {
      const base = { sessionId: id, merchantId, livemode: false };
      const publishSession = (type: string, message: Message, version: number, at: string) => publish(type, message, id, version, at);
      await publishSession(
        'session.created',
        create(SessionCreatedSchema, {
          ...base,
          sequence: 1,
          mode: SessionMode.PAYMENT,
          fiat: create(FiatAmountSchema, { amountMinor: minor, currency: 'usd' }),
          asset: create(PaymentAssetSchema, { chainId: 31337, assetCode: 'USDC', decimals: 6 }),
          amountDueAtomic: `${minor}0000`,
          clientReferenceId: `ref,"${id}"`,
          createdAt: `${day}T10:00:00.000Z`,
        }),
        1,
        `${day}T10:00:00.000Z`,
      );
      if (end === 'paid') {
        const payment = create(PaymentRefSchema, { chainId: 31337, txHash: `0x${id}`, logIndex: -1 });
        await publishSession('session.paid', create(SessionPaidSchema, { ...base, sequence: 2, payment, amountReceivedAtomic: `${minor}0000`, amountDueAtomic: `${minor}0000` }), 2, `${day}T10:05:00.000Z`);
      } else if (end === 'expired') {
        await publishSession('session.expired', create(SessionExpiredSchema, { ...base, sequence: 2, amountReceivedAtomic: '0', expiredAt: `${day}T12:00:00.000Z` }), 2, `${day}T12:00:00.000Z`);
      }
    };
    await session('cs_test_a1', merchantA, '1999', 'paid', '2026-11-20');
    await session('cs_test_a2', merchantA, '1000', 'paid', '2026-11-21');
    await session('cs_test_a3', merchantA, '500', 'open', '2026-11-21');
    await session('cs_test_a4', merchantA, '700', 'expired', '2026-11-21');
    await session('cs_test_b1', merchantB, '99999', 'paid', '2026-11-21');

    const range = { from: '2026-11-20T00:00:00.000Z', to: '2026-11-22T00:00:00.000Z' };
    const overview = await waitFor(async () => {
      const o = await call<Record<string, unknown>>(M.analyticsOverview, { context: ctx(merchantA), ...range });
      return o.sessionsCreated === 4 && o.paymentsCount === 2 && o.sessionsExpired === 1 ? o : undefined;
    }, 'the transactions projection');
    expect(overview).toMatchObject({
      sessionsPaid: 2,
      conversionRate: '0.5000',
      conversionRateBps: 5000,
      volume: [{ amountMinor: '2999', currency: 'usd' }],
      averagePayment: [{ amountMinor: '1500', currency: 'usd' }],
      volumeByAsset: [{ chainId: 31337, assetCode: 'USDC', amountAtomic: '29990000' }],
    });
    expect(overview.daily).toEqual([
      { date: '2026-11-20', sessionsCreated: 1, sessionsPaid: 1, volume: [{ amountMinor: '1999', currency: 'usd' }] },
      { date: '2026-11-21', sessionsCreated: 3, sessionsPaid: 1, volume: [{ amountMinor: '1000', currency: 'usd' }] },
    ]);
    // Test mode sees nothing of live, and B's sale is not A's.
    expect(await call(M.analyticsOverview, { context: ctx(merchantA, { livemode: true }), ...range })).toMatchObject({ sessionsCreated: 0 });

    const csv = await call<{ body: string; rowCount: number; contentType: string }>(M.exportSessions, {
      context: ctx(merchantA),
      format: 'EXPORT_FORMAT_CSV',
    });
    expect(csv).toMatchObject({ rowCount: 4, contentType: 'text/csv' });
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^session_id,status,/);
    expect(lines).toHaveLength(5);
    expect(csv.body).toContain('"ref,""cs_test_a1"""');
    expect(csv.body).not.toContain('cs_test_b1');
    const json = await call<{ body: string }>(M.exportSessions, {
      context: ctx(merchantA),
      format: 'EXPORT_FORMAT_JSON',
      status: ['SESSION_STATUS_PAID'],
    });
    const rows = JSON.parse(json.body) as { session_id: string; fiat_amount_minor: string; tx_hashes: string[] }[];
    expect(rows.map((r) => r.session_id)).toEqual(['cs_test_a2', 'cs_test_a1']);
    expect(rows[1]).toMatchObject({ fiat_amount_minor: '1999', tx_hashes: ['0xcs_test_a1'] });

    const events = await waitFor(async () => {
      const page = await call<{ data: { type: string; eventId: string; data: Record<string, unknown> }[]; hasMore: boolean }>(M.listEvents, {
        context: ctx(merchantA),
        page: { limit: 100 },
      });
      return page.data.some((e) => e.type === 'session.expired') && page.data.some((e) => e.type === 'merchant.wallet_removed') ? page : undefined;
    }, 'the events log');
    const types = events.data.map((e) => e.type);
    expect(types[0]).toBe('merchant.wallet_removed');
    expect(types).toContain('merchant.created');
    expect(types).toContain('session.paid');
    expect(JSON.stringify(events)).not.toContain('secretCiphertext');
    expect(JSON.stringify(events)).not.toContain('keyHash');
    expect(JSON.stringify(events)).not.toContain('cs_test_b1');
    const sessionsOnly = await call<{ data: { type: string; streamId: string }[] }>(M.listEvents, {
      context: ctx(merchantA),
      types: ['session.*'],
      page: { limit: 2 },
    });
    // Newest first: a4 expired at 12:00 on the 21st, a2 was paid at 10:05.
    expect(sessionsOnly.data.map((e) => e.type)).toEqual(['session.expired', 'session.paid']);
    const next = await call<{ data: { type: string; streamId: string }[] }>(M.listEvents, {
      context: ctx(merchantA),
      types: ['session.*'],
      page: { limit: 100, startingAfter: (sessionsOnly.data[1] as unknown as { eventId: string }).eventId },
    });
    expect(next.data).toHaveLength(5);
    expect(next.data.every((e) => e.type.startsWith('session.'))).toBe(true);
  });

  it('lets an expired Idempotency-Key be taken over, and purges expired ones', async () => {
    const db = app.runtime.dataSource;
    await db.query(`UPDATE dashboard.idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'op-1'`);
    const again = await call<{ merchant: { merchantId: string; name: string } }>(M.create, { name: 'Shop C', idempotencyKey: 'op-1' });
    expect(again.merchant).toMatchObject({ name: 'Shop C' });
    expect(again.merchant.merchantId).not.toBe(merchantA);
    await db.query(`UPDATE dashboard.idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'wal-1'`);
    const store = new IdempotencyStore('dashboard', parseSecretKey('k1', encryptionKey));
    expect(await store.purgeExpired(db.manager, new Date())).toBe(1);
    expect(await db.query(`SELECT key FROM dashboard.idempotency_keys WHERE key = 'wal-1'`)).toHaveLength(0);
    expect(await db.query(`SELECT key FROM dashboard.idempotency_keys WHERE key = 'op-1'`)).toHaveLength(1);
  });

  it('rebuilds each read model from the stream to the same rows', async () => {
    const db = app.runtime.dataSource;
    for (const projection of dashboardProjections) {
      const order = projection.primaryKey;
      // Snapshot the live table only once it has folded everything on the stream.
      await waitFor(async () => {
        const [unpublished] = (await db.query(`SELECT count(*)::int AS n FROM dashboard.outbox WHERE published_at IS NULL`)) as { n: number }[];
        if (unpublished!.n > 0) return undefined;
        const info = await app.runtime.jsm.consumers.info(streamName, durableNameFor('dashboard-api', projection));
        return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
      }, `${projection.name} to catch up`);
      const before = await db.query(`SELECT * FROM dashboard.${projection.table} ORDER BY ${order}`);
      expect(before.length).toBeGreaterThan(0);
      await runRebuildCommand({
        dataSource: db,
        js: app.runtime.js,
        jsm: app.runtime.jsm,
        projections: dashboardProjections,
        name: projection.name,
        schema: 'dashboard',
        streamName,
        subjectPrefix,
        logger: silent,
      });
      expect(await db.query(`SELECT * FROM dashboard.${projection.table} ORDER BY ${order}`)).toEqual(before);
    }
  });
});
