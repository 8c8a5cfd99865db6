import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { create, type JsonObject, type Message } from '@bufbuild/protobuf';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { pino } from 'pino';
import { loadConfig } from '@opencheckout/config';
import {
  ApiShape,
  CreateCheckoutSessionRequestSchema,
  ListCheckoutSessionsRequestSchema,
  MerchantWalletAddedSchema,
  PaymentConfirmedSchema,
  PaymentDetectedSchema,
  RecurringInterval,
  RequestContextSchema,
  SessionMode,
  SessionStatus,
  encodeEventData,
  type CheckoutSessionView,
} from '@opencheckout/contracts';
import { IdempotencyKeyMismatchError, ValidationError } from '@opencheckout/errors';
import { encodeEventMessage, runRebuildCommand } from '@opencheckout/messaging';
import { createTestDatabase, testNatsUrl, uniqueName, type TestDatabase } from '@opencheckout/testing';
import { SessionConfig } from './config/session.config.js';
import { SESSION_SCHEMA } from './infra/migrations/1763800000000-session-schema.js';
import { sessionProjections } from './infra/projections/index.js';
import { SessionApp } from './session-app.js';

const silent = pino({ level: 'silent' });
const XPUB = HDKey.fromMasterSeed(mnemonicToSeedSync('test test test test test test test test test test test junk')).derive(
  "m/44'/60'/3'",
).publicExtendedKey;

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The session service against a real database and JetStream: idempotency, lists, payments, expiry, rebuild. */
describe('session service', () => {
  let database: TestDatabase;
  let app: SessionApp;
  let stream: string;
  let prefix: string;
  const merchantId = `mer_${randomUUID().replace(/-/g, '')}`;
  let seq = 0;

  async function publish(type: string, streamId: string, data: JsonObject): Promise<void> {
    const eventId = randomUUID();
    const message = encodeEventMessage(
      {
        eventId,
        type,
        schemaVersion: 1,
        streamId,
        version: ++seq,
        globalPosition: BigInt(seq),
        occurredAt: new Date().toISOString(),
        metadata: { eventId, correlationId: eventId, occurredAt: new Date().toISOString() },
        data,
      },
      prefix,
    );
    await app.runtime.js.publish(message.subject, message.body, { msgID: message.msgId });
  }

  function request(fields: { key?: string; hash?: string; expiresInSeconds?: number; mode?: SessionMode; lineItems?: never[] }) {
    const { key = '', hash = 'h', ...rest } = fields;
    return create(CreateCheckoutSessionRequestSchema, {
      context: create(RequestContextSchema, { merchantId, livemode: false, idempotencyKey: key }),
      mode: SessionMode.PAYMENT,
      apiShape: ApiShape.NATIVE,
      amount: { amountMinor: '5000', currency: 'usd' },
      requestHash: hash,
      ...rest,
    });
  }

  async function pay(view: CheckoutSessionView, txByte: string): Promise<void> {
    const transfer = {
      chainId: view.asset!.chainId,
      txHash: `0x${txByte.repeat(32)}`,
      logIndex: -1,
      blockNumber: 12n,
      blockHash: `0x${'cd'.repeat(32)}`,
      from: '0x0000000000000000000000000000000000000001',
      to: view.payToAddress,
      asset: { assetCode: 'ETH', tokenAddress: '' },
      amountAtomic: view.amountDueAtomic,
      sessionId: view.sessionId,
      merchantId,
      livemode: false,
      blockTimestamp: new Date().toISOString(),
    };
    const paymentStream = `payment-${transfer.chainId}-${transfer.txHash}--1`;
    await publish('payment.confirmed', paymentStream, encodeEventData('payment.confirmed', create(PaymentConfirmedSchema, { ...transfer, confirmations: 3 }) as Message));
  }

  beforeAll(async () => {
    database = await createTestDatabase('oc_session');
    stream = uniqueName('SESSION_EVENTS');
    prefix = uniqueName('session_events').toLowerCase();
    const config = loadConfig(SessionConfig, {
      SESSION_MIN_EXPIRES_SECONDS: '1',
      SESSION_EXPIRY_SWEEP_MS: '100',
      SESSION_LATE_GRACE_SECONDS: '600',
      // A day's period renews at once in this test: its next session is due inside the lead time.
      SUBSCRIPTION_RENEWAL_LEAD_SECONDS: String(2 * 24 * 3600),
      SUBSCRIPTION_RENEWAL_SWEEP_MS: '100',
      CHAIN_RPC_URL: 'http://127.0.0.1:1',
    });
    app = await SessionApp.start({
      databaseUrl: database.url,
      databasePoolSize: 20,
      natsUrl: await testNatsUrl(),
      streamName: stream,
      subjectPrefix: prefix,
      session: config,
      logger: silent,
    });
  });

  afterAll(async () => {
    await app?.runtime.jsm.streams.delete(stream).catch(() => undefined);
    await app?.close();
    await database?.drop();
  });

  it('refuses to create a session before the merchant has a wallet, and writes nothing', async () => {
    await expect(app.create.execute(request({ key: 'before-wallet' }))).rejects.toMatchObject({ code: 'wallet_missing' });
    const rows: unknown[] = await app.runtime.dataSource.query(`SELECT 1 FROM "${SESSION_SCHEMA}".events`);
    expect(rows).toHaveLength(0);
    const keys: unknown[] = await app.runtime.dataSource.query(`SELECT 1 FROM "${SESSION_SCHEMA}".idempotency_keys`);
    expect(keys).toHaveLength(0);
  });

  it('learns the wallet from merchant events and derives a fresh address per session', async () => {
    await publish('merchant.wallet_added', merchantId, encodeEventData(
      'merchant.wallet_added',
      create(MerchantWalletAddedSchema, { merchantId, walletId: 'wal_1', chainFamily: 'evm', xpub: XPUB, livemode: false, createdAt: new Date().toISOString() }) as Message,
    ));
    const first = await waitFor(async () => {
      try {
        return await app.create.execute(request({}));
      } catch (error) {
        if (error instanceof ValidationError && error.code === 'wallet_missing') return undefined;
        throw error;
      }
    }, 'the wallet projection');
    const second = await app.create.execute(request({}));
    expect(first.payToAddress).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(second.payToAddress).not.toBe(first.payToAddress);
    // ETH at the dev chain's fixed 2000 USD: 50.00 USD is 0.025 ETH.
    expect(first.amountDueAtomic).toBe('25000000000000000');
  });

  it('answers concurrent creates with one Idempotency-Key with one session, and refuses another body', async () => {
    const answers = await Promise.all(Array.from({ length: 25 }, () => app.create.execute(request({ key: 'order-7', hash: 'same' }))));
    expect(new Set(answers.map((view) => view.sessionId)).size).toBe(1);
    await expect(app.create.execute(request({ key: 'order-7', hash: 'other' }))).rejects.toBeInstanceOf(IdempotencyKeyMismatchError);
    const streams: { n: string }[] = await app.runtime.dataSource.query(
      `SELECT count(*)::text AS n FROM "${SESSION_SCHEMA}".events WHERE stream_id = $1`,
      [answers[0]!.sessionId],
    );
    expect(streams[0]!.n).toBe('1');
  });

  it('turns the watcher payment facts into a paid session', async () => {
    const view = await app.create.execute(request({}));
    const transfer = {
      chainId: view.asset!.chainId,
      txHash: `0x${'ab'.repeat(32)}`,
      logIndex: -1,
      blockNumber: 12n,
      blockHash: `0x${'cd'.repeat(32)}`,
      from: '0x0000000000000000000000000000000000000001',
      to: view.payToAddress,
      asset: { assetCode: 'ETH', tokenAddress: '' },
      amountAtomic: view.amountDueAtomic,
      sessionId: view.sessionId,
      merchantId,
      livemode: false,
      blockTimestamp: new Date().toISOString(),
    };
    const paymentStream = `payment-${transfer.chainId}-${transfer.txHash}--1`;
    await publish('payment.detected', paymentStream, encodeEventData('payment.detected', create(PaymentDetectedSchema, { ...transfer, confirmations: 1 }) as Message));
    await publish('payment.confirmed', paymentStream, encodeEventData('payment.confirmed', create(PaymentConfirmedSchema, { ...transfer, confirmations: 3 }) as Message));
    const paid = await waitFor(async () => {
      const current = await app.read.get({ sessionId: view.sessionId } as never);
      return current.status === SessionStatus.PAID ? current : undefined;
    }, 'session.paid');
    expect(paid.amountReceivedAtomic).toBe(view.amountDueAtomic);
    expect(paid.payments).toHaveLength(1);
    expect(paid.paidAt).not.toBe('');
  });

  it('opens a paid subscription period\'s successor, records it with its URL, and stops after cancellation', async () => {
    const lineItems = [
      { name: 'Plan', unitAmountMinor: '999', quantity: 1, currency: 'usd', recurring: { interval: RecurringInterval.DAY, intervalCount: 1 } },
    ] as never[];
    const first = await app.create.execute(request({ mode: SessionMode.SUBSCRIPTION, lineItems }));
    expect(first.subscriptionId).toMatch(/^sub_/);
    expect(first.subscriptionPeriod).toBe(1);
    await pay(first, 'a1');
    const renewal = await waitFor(async () => {
      const rows: { session_id: string }[] = await app.runtime.dataSource.query(
        `SELECT stream_id AS session_id FROM "${SESSION_SCHEMA}".events WHERE type = 'session.created' AND data->>'subscriptionId' = $1 AND (data->>'subscriptionPeriod')::int = 2`,
        [first.subscriptionId],
      );
      return rows[0]?.session_id;
    }, 'the next period\'s session');
    const renewed = await waitFor(async () => {
      const rows: { data: { renewalSessionId: string; renewalCheckoutUrl: string; period: number } }[] = await app.runtime.dataSource.query(
        `SELECT data FROM "${SESSION_SCHEMA}".events WHERE stream_id = $1 AND type = 'session.subscription_renewed'`,
        [first.sessionId],
      );
      return rows[0]?.data;
    }, 'session.subscription_renewed');
    expect(renewed.renewalSessionId).toBe(renewal);
    expect(renewed.renewalCheckoutUrl).toContain(`/checkout/${renewal}`);
    expect(renewed.period).toBe(2);
    const next = await app.read.get({ sessionId: renewal } as never);
    expect(next.payToAddress).not.toBe(first.payToAddress);
    expect(next.fiat?.amountMinor).toBe('999');

    const canceled = await app.subscriptions.cancel({
      context: create(RequestContextSchema, { merchantId, livemode: false }),
      subscriptionId: first.subscriptionId,
    } as never);
    expect(canceled.sessionId).toBe(renewal);
    await pay(next, 'a2');
    await waitFor(async () => ((await app.read.get({ sessionId: renewal } as never)).status === SessionStatus.PAID ? true : undefined), 'period 2 paid');
    // Once the projection shows period 2 paid and closed, a renewal pass opens nothing.
    await waitFor(async () => {
      const rows: { status: string; subscription_closed: boolean; renewal_due_at: Date | null }[] = await app.runtime.dataSource.query(
        `SELECT status, subscription_closed, renewal_due_at FROM "${SESSION_SCHEMA}".session_list WHERE session_id = $1`,
        [renewal],
      );
      const row = rows[0];
      return row?.status === 'paid' && row.subscription_closed && row.renewal_due_at === null ? true : undefined;
    }, 'period 2 settled in the projection');
    await waitFor(async () => ((await app.subscriptions.renewDue()) === 0 ? true : undefined), 'a renewal pass with nothing due');
    const third: unknown[] = await app.runtime.dataSource.query(
      `SELECT 1 FROM "${SESSION_SCHEMA}".events WHERE type = 'session.created' AND data->>'subscriptionId' = $1 AND (data->>'subscriptionPeriod')::int = 3`,
      [first.subscriptionId],
    );
    expect(third).toHaveLength(0);
  });

  it('expires a pending session at its time', async () => {
    const view = await app.create.execute(request({ expiresInSeconds: 1 }));
    const expired = await waitFor(async () => {
      const current = await app.read.get({ sessionId: view.sessionId } as never);
      return current.status === SessionStatus.EXPIRED ? current : undefined;
    }, 'the expiry sweep');
    expect(expired.closedAt).toBe(view.expiresAt);
  });

  it('lists newest first with cursors, and a rebuild lands on the same rows', async () => {
    const list = async (page: { limit: number; startingAfter?: string }) =>
      app.read.list(
        create(ListCheckoutSessionsRequestSchema, {
          context: create(RequestContextSchema, { merchantId, livemode: false }),
          page: { limit: page.limit, startingAfter: page.startingAfter ?? '' },
        }),
      );
    const all = await waitFor(async () => {
      const page = await list({ limit: 100 });
      // Wait for every earlier event to be folded (the paid and the expired sessions), so nothing moves under the comparison.
      const settled =
        page.data.some((view) => view.status === SessionStatus.PAID) &&
        page.data.some((view) => view.status === SessionStatus.EXPIRED);
      return page.data.length >= 7 && settled ? page.data : undefined;
    }, 'the list projection');
    const ids = all.map((view: CheckoutSessionView) => view.sessionId);
    const first = await list({ limit: 2 });
    const second = await list({ limit: 2, startingAfter: first.data[1]!.sessionId });
    expect([...first.data, ...second.data].map((view) => view.sessionId)).toEqual(ids.slice(0, 4));
    expect(first.hasMore).toBe(true);

    const snapshot = async () =>
      app.runtime.dataSource.query(`SELECT * FROM "${SESSION_SCHEMA}".session_list ORDER BY session_id`) as Promise<unknown[]>;
    const live = await snapshot();
    await runRebuildCommand({
      dataSource: app.runtime.dataSource,
      js: app.runtime.js,
      jsm: app.runtime.jsm,
      projections: sessionProjections,
      name: 'session_list',
      schema: SESSION_SCHEMA,
      streamName: stream,
      subjectPrefix: prefix,
      logger: silent,
    });
    expect(await snapshot()).toEqual(live);
  });
});
