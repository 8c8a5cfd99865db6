import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { RpcClient } from '@opencheckout/nest-kit';
import { create } from '@bufbuild/protobuf';
import { ApiKeyUsedSchema, RpcSubjects, encodeMessage } from '@opencheckout/contracts';
import type { Logger } from 'pino';
import { ApiKeyDirectory } from './auth/api-key-directory.js';
import type { GatewayConfig } from './config/gateway.config.js';

export const GATEWAY_APP = Symbol('GATEWAY_APP');

export interface GatewayAppOptions {
  natsUrl: string;
  streamName: string;
  subjectPrefix: string;
  config: GatewayConfig;
  logger: Logger;
}

/** What the gateway holds: a NATS connection for its key projection, and the request-reply client to the services. */
export class GatewayApp {
  private constructor(
    readonly config: GatewayConfig,
    readonly nats: NatsConnection,
    readonly keys: ApiKeyDirectory,
    readonly rpc: RpcClient,
    readonly logger: Logger,
    private readonly subjectPrefix: string,
  ) {}

  static async start(options: GatewayAppOptions): Promise<GatewayApp> {
    const servers = options.natsUrl.split(',').map((url) => url.trim());
    const nats = await connect({ servers, name: 'gateway-events' });
    const keys = new ApiKeyDirectory(jetstream(nats), options.streamName, options.subjectPrefix, options.logger);
    keys.start();
    const proxy = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers, name: 'gateway-rpc' } });
    const rpc = new RpcClient(proxy, options.config.RPC_TIMEOUT_MS);
    await rpc.connect();
    return new GatewayApp(options.config, nats, keys, rpc, options.logger, options.subjectPrefix);
  }

  private readonly watchers = new Map<string, Set<() => void>>();
  private readonly keyUseNoted = new Map<string, number>();

  /** Tells dashboard-api a key was used, at most once a minute per key (its `lastUsedAt`). */
  noteKeyUse(merchantId: string, keyId: string, now = Date.now()): void {
    const last = this.keyUseNoted.get(keyId);
    if (last !== undefined && now - last < 60_000) return;
    this.keyUseNoted.set(keyId, now);
    this.rpc.notify(
      RpcSubjects.merchant.apiKeyUsed,
      encodeMessage(ApiKeyUsedSchema, create(ApiKeyUsedSchema, { merchantId, keyId, usedAt: new Date(now).toISOString() })),
    );
  }
  private sessionSubscription?: { unsubscribe(): void };

  /**
   * Calls `onEvent` for every event of one session as it passes on the bus.
   * One subscription serves every watcher (JetStream publishes are ordinary NATS
   * messages, so a plain subscription sees them without a consumer).
   */
  sessionEvents(sessionId: string, onEvent: () => void): { unsubscribe(): void } {
    if (this.sessionSubscription === undefined) {
      const subscription = this.nats.subscribe(`${this.subjectPrefix}.session.>`, {
        callback: (_error, message) => {
          try {
            const streamId = (message.json() as { streamId?: unknown }).streamId;
            if (typeof streamId === 'string') for (const watcher of this.watchers.get(streamId) ?? []) watcher();
          } catch {
            // Not an event message: nothing to tell anyone.
          }
        },
      });
      this.sessionSubscription = subscription;
    }
    const set = this.watchers.get(sessionId) ?? new Set();
    set.add(onEvent);
    this.watchers.set(sessionId, set);
    return {
      unsubscribe: () => {
        set.delete(onEvent);
        if (set.size === 0) this.watchers.delete(sessionId);
      },
    };
  }

  async close(): Promise<void> {
    this.sessionSubscription?.unsubscribe();
    await this.keys.stop();
    await this.rpc.close();
    await this.nats.drain().catch(() => undefined);
  }
}
