import { randomUUID } from 'node:crypto';
import { Kvm } from '@nats-io/kv';
import { devChainsConfig, parseChainsConfig, type ChainConfig } from '@opencheckout/chain';
import { EventSourcedRuntime } from '@opencheckout/nest-kit';
import type { Logger } from 'pino';
import { ChainSupervisor } from './app/chain-supervisor.js';
import type { WatcherConfig } from './config/watcher.config.js';
import { WatchedSessionIndex } from './domain/watched-session.js';
import { WATCHER_SCHEMA, WatcherSchema1763900000000 } from './infra/migrations/1763900000000-watcher-schema.js';
import { watchedAddressesProjection } from './infra/projections/watched-addresses.projection.js';
import { WatchedSessionsFeed } from './infra/watched-sessions-feed.js';

export const PAYMENT_WATCHER_APP = Symbol('PAYMENT_WATCHER_APP');

export interface PaymentWatcherAppOptions {
  databaseUrl: string;
  databasePoolSize?: number;
  natsUrl: string;
  streamName: string;
  subjectPrefix: string;
  watcher: WatcherConfig;
  logger: Logger;
  /** Names this replica in its leases; default a random id. */
  instanceId?: string;
  clock?: () => Date;
}

export function chainsFrom(config: WatcherConfig): ChainConfig[] {
  if (config.CHAINS_JSON) return parseChainsConfig(config.CHAINS_JSON);
  return devChainsConfig({ rpcHttp: config.CHAIN_RPC_URL, rpcWs: config.CHAIN_WS_URL, usdcAddress: config.DEV_USDC_ADDRESS });
}

/** The payment watcher wired: runtime, the watched-session index and its feed, one leased follower per chain. */
export class PaymentWatcherApp {
  private closed = false;

  private constructor(
    readonly runtime: EventSourcedRuntime,
    readonly index: WatchedSessionIndex,
    private readonly feed: WatchedSessionsFeed,
    readonly supervisor: ChainSupervisor,
    readonly instanceId: string,
  ) {}

  static async start(options: PaymentWatcherAppOptions): Promise<PaymentWatcherApp> {
    const config = options.watcher;
    const chains = chainsFrom(config);
    const instanceId = options.instanceId ?? randomUUID();
    const logger = options.logger.child({ instanceId });
    const runtime = await EventSourcedRuntime.start({
      service: 'payment_watcher',
      schema: WATCHER_SCHEMA,
      databaseUrl: options.databaseUrl,
      databasePoolSize: options.databasePoolSize,
      natsUrl: options.natsUrl,
      streamName: options.streamName,
      subjectPrefix: options.subjectPrefix,
      migrations: [WatcherSchema1763900000000],
      projections: [watchedAddressesProjection(config.WATCHER_WATCH_TAIL_SECONDS)],
      logger,
    });
    try {
      const index = new WatchedSessionIndex();
      const feed = new WatchedSessionsFeed({
        dataSource: runtime.dataSource,
        schema: WATCHER_SCHEMA,
        js: runtime.js,
        streamName: options.streamName,
        subjectPrefix: options.subjectPrefix,
        index,
        tailSeconds: config.WATCHER_WATCH_TAIL_SECONDS,
        logger,
        clock: options.clock,
      });
      await feed.start();
      const kv = await new Kvm(runtime.js).create(config.WATCHER_LEASE_BUCKET, { ttl: config.WATCHER_LEASE_TTL_MS, history: 1 });
      const supervisor = new ChainSupervisor({
        chains,
        kv,
        holderId: instanceId,
        dataSource: runtime.dataSource,
        store: runtime.store,
        schema: WATCHER_SCHEMA,
        index,
        beforeSync: async () => {
          await feed.caughtUp();
        },
        pollingIntervalMs: config.WATCHER_POLL_INTERVAL_MS,
        leaseTtlMs: config.WATCHER_LEASE_TTL_MS,
        leaseRenewMs: config.WATCHER_LEASE_RENEW_MS,
        startBlock: config.WATCHER_START_BLOCK === 'latest' ? 'latest' : BigInt(config.WATCHER_START_BLOCK),
        logger,
        clock: options.clock,
      });
      supervisor.start();
      return new PaymentWatcherApp(runtime, index, feed, supervisor, instanceId);
    } catch (error) {
      await runtime.close();
      throw error;
    }
  }

  /** `release: false` leaves the chain leases to expire, as a crashed replica would (tests of takeover). */
  async close({ release = true }: { release?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.supervisor.stop({ release });
    await this.feed.stop();
    await this.runtime.close();
  }
}
