import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { create } from '@bufbuild/protobuf';
import { jetstream, jetstreamManager, DeliverPolicy, type ConsumerMessages, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { SessionCreatedSchema, encodeEventData } from '@opencheckout/contracts';
import { decodeEventMessage, encodeEventMessage, ensureEventsStream, type EventMessage } from '@opencheckout/messaging';
import { createTestDatabase, testNatsUrl, uniqueName, type TestDatabase } from '@opencheckout/testing';
import { createLogger } from '@opencheckout/logging';
import { Kvm } from '@nats-io/kv';
import { WatcherConfig } from '../src/config/watcher.config.js';
import { PaymentWatcherApp } from '../src/payment-watcher-app.js';

/** Polls `condition` until it holds or the deadline passes (no fixed sleeps in test paths). */
export async function eventually<T>(condition: () => T | Promise<T>, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface SessionSpec {
  address: string;
  chainId: number;
  assetCode?: string;
  tokenAddress?: string;
  confirmationsRequired?: number;
}

/**
 * One watcher deployment for a test file: its own database, stream, subject
 * prefix and lease bucket; apps started on it share them like replicas do.
 * Publishes `session.created` straight to the stream and records every
 * `payment.*` event the watchers emit.
 */
export class WatcherHarness {
  readonly payments: EventMessage[] = [];
  /** When each payment event reached this process (performance.now()), by event id. */
  readonly arrivals = new Map<string, number>();
  private readonly apps = new Set<PaymentWatcherApp>();
  private messages?: ConsumerMessages;
  private reading?: Promise<void>;
  private sequence = 0;

  private constructor(
    readonly db: TestDatabase,
    readonly natsUrl: string,
    readonly streamName: string,
    readonly subjectPrefix: string,
    readonly nats: NatsConnection,
    readonly js: JetStreamClient,
    readonly config: WatcherConfig,
  ) {}

  static async create(overrides: Partial<WatcherConfig>): Promise<WatcherHarness> {
    const db = await createTestDatabase('oc_watcher');
    const natsUrl = await testNatsUrl();
    const streamName = uniqueName('PW');
    const subjectPrefix = uniqueName('pw').toLowerCase();
    const nats = await connect({ servers: natsUrl });
    const jsm = await jetstreamManager(nats);
    await ensureEventsStream(jsm, { name: streamName, subjectPrefix });
    const config = Object.assign(new WatcherConfig(), {
      WATCHER_POLL_INTERVAL_MS: 50,
      WATCHER_LEASE_BUCKET: uniqueName('WL'),
      ...overrides,
    });
    const harness = new WatcherHarness(db, natsUrl, streamName, subjectPrefix, nats, jetstream(nats), config);
    await harness.listen();
    return harness;
  }

  private async listen(): Promise<void> {
    const consumer = await this.js.consumers.get(this.streamName, {
      filter_subjects: `${this.subjectPrefix}.payment.>`,
      deliver_policy: DeliverPolicy.All,
    });
    const messages = await consumer.consume();
    this.messages = messages;
    this.reading = (async () => {
      for await (const message of messages) {
        const event = decodeEventMessage(message.data);
        this.arrivals.set(event.eventId, performance.now());
        this.payments.push(event);
      }
    })();
  }

  async startApp(instanceId: string = randomUUID()): Promise<PaymentWatcherApp> {
    const app = await PaymentWatcherApp.start({
      databaseUrl: this.db.url,
      databasePoolSize: 5,
      natsUrl: this.natsUrl,
      streamName: this.streamName,
      subjectPrefix: this.subjectPrefix,
      watcher: this.config,
      logger: createLogger({ name: `payment-watcher-${instanceId.slice(0, 8)}`, level: 'warn' }),
      instanceId,
    });
    this.apps.add(app);
    return app;
  }

  async stopApp(app: PaymentWatcherApp, options: { release?: boolean } = {}): Promise<void> {
    this.apps.delete(app);
    await app.close(options);
  }

  /** Appends a `session.created` for `spec.address` to the stream, as the session service's relay would. */
  async createSession(spec: SessionSpec): Promise<string> {
    this.sequence += 1;
    const sessionId = `cs_test_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const now = new Date();
    const data = encodeEventData(
      'session.created',
      create(SessionCreatedSchema, {
        sessionId,
        merchantId: 'mer_watcher_test',
        livemode: false,
        sequence: 1,
        asset: {
          chainId: spec.chainId,
          assetCode: spec.assetCode ?? 'ETH',
          symbol: spec.assetCode ?? 'ETH',
          decimals: spec.tokenAddress ? 6 : 18,
          tokenAddress: spec.tokenAddress ?? '',
        },
        amountDueAtomic: '1000',
        payTo: { address: spec.address, walletId: 'wal_test', derivationIndex: this.sequence },
        expiresAt: new Date(now.getTime() + 3600_000).toISOString(),
        confirmationsRequired: spec.confirmationsRequired ?? 3,
        lateGraceSeconds: 600,
        createdAt: now.toISOString(),
      }),
    );
    const eventId = randomUUID();
    const encoded = encodeEventMessage(
      {
        eventId,
        type: 'session.created',
        schemaVersion: 1,
        streamId: `session-${sessionId}`,
        version: 1,
        globalPosition: BigInt(this.sequence),
        occurredAt: now.toISOString(),
        metadata: { eventId, correlationId: eventId, merchantId: 'mer_watcher_test', livemode: false, occurredAt: now.toISOString() },
        data,
      },
      this.subjectPrefix,
    );
    await this.js.publish(encoded.subject, encoded.body, { msgID: encoded.msgId });
    return sessionId;
  }

  /** Payment events of one type for one transaction, in stream order. */
  events(type: string, txHash: string): EventMessage[] {
    return this.payments.filter((event) => event.type === type && (event.data as { txHash?: string }).txHash === txHash.toLowerCase());
  }

  /** Waits until at least `count` events of `type` for `txHash` were emitted; returns them all. */
  async waitForEvents(type: string, txHash: string, count = 1, timeoutMs = 20_000): Promise<EventMessage[]> {
    return eventually(() => {
      const found = this.events(type, txHash);
      return found.length >= count ? found : null;
    }, `${count} ${type} for ${txHash}`, timeoutMs);
  }

  async close(): Promise<void> {
    for (const app of [...this.apps]) await this.stopApp(app);
    await this.messages?.close().catch(() => undefined);
    await this.reading?.catch(() => undefined);
    const jsm = await jetstreamManager(this.nats);
    await jsm.streams.delete(this.streamName).catch(() => undefined);
    await new Kvm(this.js).open(this.config.WATCHER_LEASE_BUCKET).then((kv) => kv.destroy()).catch(() => undefined);
    await this.nats.drain().catch(() => undefined);
    await this.db.drop();
  }
}
