import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { create, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  MerchantWebhookEndpointCreatedSchema,
  MerchantWebhookEndpointSecretRotatedSchema,
  MerchantWebhookEndpointUpdatedSchema,
  SessionCreatedSchema,
  SessionDetectedSchema,
  SessionMode,
  SessionPaidSchema,
  WebhookEndpointStatus,
  encodeEventData,
} from '@opencheckout/contracts';
import type { RecordedEventLike } from '@opencheckout/event-store';
import { encodeEventMessage, ensureEventsStream } from '@opencheckout/messaging';
import { createTestDatabase, testNatsUrl, uniqueName, type TestDatabase } from '@opencheckout/testing';
import { encryptForDispatcher, generateDispatcherKeyPair, generateWebhookSecret, type DispatcherKeyPair } from '@opencheckout/webhooks';
import { pino } from 'pino';
import { WebhookDispatcherConfig } from '../src/config/webhook-dispatcher.config.js';
import { WebhookDispatcherApp, type WebhookDispatcherAppOptions } from '../src/webhook-dispatcher-app.js';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface ReceiverAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (a hanging endpoint). */
  hang?: boolean;
}

/** A local HTTP receiver that records every request and answers as told. */
export class Receiver {
  readonly requests: ReceivedRequest[] = [];
  respond: (request: ReceivedRequest, index: number) => ReceiverAnswer = () => ({ status: 200, body: 'ok' });
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(path = '/hook'): Promise<Receiver> {
    const box: { receiver?: Receiver } = {};
    const server = createServer((req, res) => {
      const receiver = box.receiver;
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        receiver!.requests.push(request);
        const answer = receiver!.respond(request, receiver!.requests.length - 1);
        if (answer.hang) return;
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    box.receiver = new Receiver(server, `http://127.0.0.1:${port}${path}`);
    return box.receiver;
  }

  bodies(): { id: string; type: string; sequence: number; data: { object: Record<string, unknown> } }[] {
    return this.requests.map((request) => JSON.parse(request.body));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export const silentLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** One isolated world per test file: database, stream, subject prefix, dispatcher key. */
export class DispatcherHarness {
  private position = 0n;
  private readonly apps = new Set<WebhookDispatcherApp>();

  private constructor(
    readonly db: TestDatabase,
    readonly natsUrl: string,
    readonly streamName: string,
    readonly subjectPrefix: string,
    readonly keys: DispatcherKeyPair,
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
  ) {}

  static async create(): Promise<DispatcherHarness> {
    const db = await createTestDatabase('oc_dispatcher');
    const natsUrl = await testNatsUrl();
    const streamName = uniqueName('WHD');
    const subjectPrefix = uniqueName('whd').toLowerCase();
    const nc = await connect({ servers: natsUrl });
    const jsm = await jetstreamManager(nc);
    await ensureEventsStream(jsm, { name: streamName, subjectPrefix, storage: 'memory' });
    return new DispatcherHarness(db, natsUrl, streamName, subjectPrefix, generateDispatcherKeyPair(2048), nc, jetstream(nc), jsm);
  }

  config(overrides: Partial<WebhookDispatcherConfig> = {}): WebhookDispatcherConfig {
    return Object.assign(new WebhookDispatcherConfig(), {
      WEBHOOK_SIGNING_PRIVATE_KEY: this.keys.privateKeyPem,
      WEBHOOK_RETRY_SCHEDULE: '100ms,200ms,300ms',
      WEBHOOK_TIMEOUT_MS: 2_000,
      WEBHOOK_POLL_MS: 50,
      ...overrides,
    });
  }

  async startApp(
    overrides: Partial<WebhookDispatcherConfig> = {},
    options: Partial<WebhookDispatcherAppOptions> = {},
  ): Promise<WebhookDispatcherApp> {
    const app = await WebhookDispatcherApp.start({
      databaseUrl: this.db.url,
      databasePoolSize: 10,
      natsUrl: this.natsUrl,
      streamName: this.streamName,
      subjectPrefix: this.subjectPrefix,
      dispatcher: this.config(overrides),
      logger: silentLogger,
      retryJitter: 0,
      leaseMarginMs: 1_000,
      ...options,
    });
    this.apps.add(app);
    return app;
  }

  async stopApp(app: WebhookDispatcherApp): Promise<void> {
    this.apps.delete(app);
    await app.close();
  }

  /** Publishes an event straight to the test stream, as a write side's relay would. */
  async publish<Desc extends DescMessage>(
    type: string,
    schema: Desc,
    init: MessageInitShape<Desc>,
    options: {
      streamId: string;
      version: number;
      merchantId: string;
      livemode: boolean;
      occurredAt?: string;
      eventId?: string;
      /** Publish without Nats-Msg-Id, so JetStream's own dedup cannot drop a repeat. */
      bypassDedup?: boolean;
    },
  ): Promise<RecordedEventLike> {
    this.position += 1n;
    const eventId = options.eventId ?? randomUUID();
    const occurredAt = options.occurredAt ?? new Date().toISOString();
    const event: RecordedEventLike = {
      eventId,
      type,
      schemaVersion: 1,
      streamId: options.streamId,
      version: options.version,
      globalPosition: this.position,
      occurredAt,
      metadata: { eventId, correlationId: `corr-${eventId}`, merchantId: options.merchantId, livemode: options.livemode, occurredAt },
      data: encodeEventData(type, create(schema, init)) as Record<string, unknown>,
    };
    const encoded = encodeEventMessage(event, this.subjectPrefix);
    await this.js.publish(encoded.subject, encoded.body, options.bypassDedup ? {} : { msgID: encoded.msgId });
    return event;
  }

  /** Creates an endpoint (as dashboard-api would) and answers its clear secret. */
  async createEndpoint(parameters: {
    merchantId: string;
    endpointId?: string;
    url: string;
    events: string[];
    livemode?: boolean;
  }): Promise<{ endpointId: string; secret: string; version: number }> {
    const endpointId = parameters.endpointId ?? `we_${randomUUID().slice(0, 8)}`;
    const secret = generateWebhookSecret();
    await this.publish(
      'merchant.webhook_endpoint_created',
      MerchantWebhookEndpointCreatedSchema,
      {
        merchantId: parameters.merchantId,
        endpointId,
        url: parameters.url,
        enabledEvents: parameters.events,
        livemode: parameters.livemode ?? false,
        secretCiphertext: encryptForDispatcher(this.keys.publicKeyPem, secret),
        createdAt: new Date().toISOString(),
      },
      { streamId: `merchant-${parameters.merchantId}`, version: 1, merchantId: parameters.merchantId, livemode: parameters.livemode ?? false },
    );
    return { endpointId, secret, version: 1 };
  }

  async rotateSecret(parameters: { merchantId: string; endpointId: string; previousExpiresAt: Date | null; livemode?: boolean }): Promise<string> {
    const secret = generateWebhookSecret();
    await this.publish(
      'merchant.webhook_endpoint_secret_rotated',
      MerchantWebhookEndpointSecretRotatedSchema,
      {
        merchantId: parameters.merchantId,
        endpointId: parameters.endpointId,
        livemode: parameters.livemode ?? false,
        secretCiphertext: encryptForDispatcher(this.keys.publicKeyPem, secret),
        previousSecretExpiresAt: parameters.previousExpiresAt?.toISOString() ?? '',
      },
      { streamId: `merchant-${parameters.merchantId}`, version: 2, merchantId: parameters.merchantId, livemode: parameters.livemode ?? false },
    );
    return secret;
  }

  async updateEndpoint(parameters: { merchantId: string; endpointId: string; url: string; events: string[]; enabled: boolean; livemode?: boolean }): Promise<void> {
    await this.publish(
      'merchant.webhook_endpoint_updated',
      MerchantWebhookEndpointUpdatedSchema,
      {
        merchantId: parameters.merchantId,
        endpointId: parameters.endpointId,
        url: parameters.url,
        enabledEvents: parameters.events,
        livemode: parameters.livemode ?? false,
        status: parameters.enabled ? WebhookEndpointStatus.ENABLED : WebhookEndpointStatus.DISABLED,
      },
      { streamId: `merchant-${parameters.merchantId}`, version: 3, merchantId: parameters.merchantId, livemode: parameters.livemode ?? false },
    );
  }

  /** created → detected → paid for a fresh session; answers the session id and the events. */
  async paidSession(merchantId: string, livemode = false): Promise<{ sessionId: string; events: RecordedEventLike[] }> {
    const sessionId = `cs_test_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const streamId = `session-${sessionId}`;
    const base = { sessionId, merchantId, livemode };
    const ref = { chainId: 31337, txHash: `0x${'ab'.repeat(32)}`, logIndex: -1 };
    const events = [
      await this.publish(
        'session.created',
        SessionCreatedSchema,
        {
          ...base,
          sequence: 1,
          mode: SessionMode.PAYMENT,
          fiat: { amountMinor: '1999', currency: 'usd' },
          asset: { chainId: 31337, assetCode: 'ETH', symbol: 'ETH', decimals: 18 },
          amountDueAtomic: '5000000000000000',
          payTo: { address: '0x1111111111111111111111111111111111111111', walletId: 'w1', derivationIndex: 1 },
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
          metadata: { orderId: 'A-1' },
          createdAt: new Date().toISOString(),
        },
        { streamId, version: 1, merchantId, livemode },
      ),
      await this.publish(
        'session.detected',
        SessionDetectedSchema,
        {
          ...base,
          sequence: 2,
          payment: ref,
          amountReceivedAtomic: '5000000000000000',
          amountDueAtomic: '5000000000000000',
          amountAtomic: '5000000000000000',
          from: '0x2222222222222222222222222222222222222222',
          blockNumber: 10n,
          detectedAt: new Date().toISOString(),
        },
        { streamId, version: 2, merchantId, livemode },
      ),
      await this.publish(
        'session.paid',
        SessionPaidSchema,
        { ...base, sequence: 3, payment: ref, amountReceivedAtomic: '5000000000000000', amountDueAtomic: '5000000000000000' },
        { streamId, version: 3, merchantId, livemode },
      ),
    ];
    return { sessionId, events };
  }

  /** Waits until the dispatcher's endpoint projection holds the endpoint (in a state). */
  async endpointRow(app: WebhookDispatcherApp, endpointId: string): Promise<{ status: string; disabled_reason: string | null } | undefined> {
    const rows = (await app.runtime.dataSource.query(
      `SELECT status, disabled_reason FROM dispatcher.webhook_endpoints WHERE endpoint_id = $1`,
      [endpointId],
    )) as { status: string; disabled_reason: string | null }[];
    return rows[0];
  }

  async close(): Promise<void> {
    for (const app of this.apps) await app.close().catch(() => undefined);
    this.apps.clear();
    await this.jsm.streams.delete(this.streamName).catch(() => undefined);
    await this.nc.drain().catch(() => undefined);
    await this.db.drop();
  }
}

/** Polls `check` until it answers a truthy value, failing after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T> | T, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
