import type { KV } from '@nats-io/kv';
import type { ChainConfig } from '@opencheckout/chain';
import type { PostgresEventStore } from '@opencheckout/event-store';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createPublicClient, http, webSocket, type PublicClient } from 'viem';
import type { ObservedTransfer } from '../domain/observed-transfer.js';
import { requiredConfirmations, type WatchedSessionIndex } from '../domain/watched-session.js';
import { ChainFollower } from '../infra/chain/chain-follower.js';
import { KvLease } from '../infra/kv-lease.js';
import { PostgresPaymentLedger } from '../infra/postgres-payment-ledger.js';
import { paymentFact, paysSessionAsset, type PaymentFactType } from './payment-fact.js';

export interface ChainSupervisorOptions {
  chains: ChainConfig[];
  kv: KV;
  /** Identifies this replica in the lease values. */
  holderId: string;
  dataSource: DataSource;
  store: PostgresEventStore;
  schema: string;
  index: WatchedSessionIndex;
  /** Awaited before each pass of a follower: the index has caught up with sessions created so far. */
  beforeSync?: () => Promise<void>;
  pollingIntervalMs: number;
  leaseTtlMs: number;
  leaseRenewMs: number;
  startBlock: bigint | 'latest';
  logger: Logger;
  clock?: () => Date;
  windowSize?: number;
}

interface ChainWatch {
  chain: ChainConfig;
  lease: KvLease;
  follower: ChainFollower | null;
  lastRenewedMs: number;
}

/**
 * Runs at most one follower per chain across replicas: each chain has a lease
 * in NATS KV; this replica follows the chains whose lease it holds, renews
 * them every `leaseRenewMs`, and stops a follower as soon as its lease is lost
 * or could not be renewed for close to the TTL. A new holder resumes from the
 * cursor in Postgres.
 */
export class ChainSupervisor {
  private readonly watches: ChainWatch[];
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = true;
  private readonly clock: () => Date;
  private readonly logger: Logger;
  private readonly windowSize: number;
  private lastPruneMs = 0;

  constructor(private readonly options: ChainSupervisorOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.logger = options.logger.child({ context: 'ChainSupervisor' });
    this.windowSize = options.windowSize ?? 64;
    this.watches = options.chains.map((chain) => ({
      chain,
      lease: new KvLease(options.kv, `chain-${chain.id}`, options.holderId),
      follower: null,
      lastRenewedMs: 0,
    }));
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Chains this replica follows now, with the last block it processed. */
  active(): { chainId: number; tip: bigint | null }[] {
    return this.watches
      .filter((watch) => watch.follower !== null)
      .map((watch) => ({ chainId: watch.chain.id, tip: watch.follower!.tip?.number ?? null }));
  }

  /** The follower of a chain, when this replica is its active one (tests and benches drive it). */
  follower(chainId: number): ChainFollower | null {
    return this.watches.find((watch) => watch.chain.id === chainId)?.follower ?? null;
  }

  /** Stops following; `release: false` leaves the leases to expire, as a crashed replica would. */
  async stop({ release = true }: { release?: boolean } = {}): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    for (const watch of this.watches) {
      await this.stopFollower(watch);
      if (release) await watch.lease.release();
      else watch.lease.abandon();
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => {
        this.ticking = null;
        this.schedule(this.options.leaseRenewMs);
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const now = this.clock().getTime();
    if (now - this.lastPruneMs > 60_000) {
      this.lastPruneMs = now;
      const pruned = this.options.index.prune(now);
      if (pruned > 0) this.logger.info({ pruned }, 'stopped watching addresses past their watch window');
    }
    for (const watch of this.watches) {
      if (this.stopped) return;
      try {
        await this.tend(watch);
      } catch (error) {
        this.logger.warn({ err: error, chainId: watch.chain.id }, 'lease step failed');
      }
    }
  }

  private async tend(watch: ChainWatch): Promise<void> {
    const log = this.logger.child({ chainId: watch.chain.id });
    if (watch.follower === null) {
      if (!(await watch.lease.tryAcquire())) return;
      watch.lastRenewedMs = this.clock().getTime();
      log.info('lease acquired; following the chain');
      try {
        await this.startFollower(watch);
      } catch (error) {
        await watch.lease.release();
        throw error;
      }
      return;
    }
    let renewed: boolean | null;
    try {
      renewed = await watch.lease.renew();
    } catch (error) {
      log.warn({ err: error }, 'lease renewal failed');
      renewed = null;
    }
    const now = this.clock().getTime();
    if (renewed) {
      watch.lastRenewedMs = now;
      return;
    }
    // Lost, or unconfirmed for so long another replica may already hold it: stop before it can double anything.
    if (renewed === false || now - watch.lastRenewedMs >= this.options.leaseTtlMs - this.options.leaseRenewMs) {
      log.warn({ lost: renewed === false }, 'lease lost; stopping the follower');
      await this.stopFollower(watch);
      watch.lease.abandon();
    }
  }

  private async stopFollower(watch: ChainWatch): Promise<void> {
    const follower = watch.follower;
    watch.follower = null;
    await follower?.stop();
  }

  private async startFollower(watch: ChainWatch): Promise<void> {
    const { chain } = watch;
    const { index, dataSource, store, schema } = this.options;
    const ledger = new PostgresPaymentLedger({ dataSource, store, schema, clock: this.clock });
    const client = createPublicClient({ transport: http(chain.rpcHttp), pollingInterval: this.options.pollingIntervalMs }) as PublicClient;
    const wsClient = chain.rpcWs
      ? (createPublicClient({ transport: webSocket(chain.rpcWs), pollingInterval: this.options.pollingIntervalMs }) as PublicClient)
      : undefined;
    const nativeAsset = chain.assets.find((asset) => asset.type === 'native')?.code ?? 'ETH';
    const tokens = new Map(
      chain.assets
        .filter((asset) => asset.type === 'erc20' && asset.address !== undefined)
        .map((asset) => [asset.address!.toLowerCase(), asset.code] as const),
    );
    const stage = (type: PaymentFactType, transfer: ObservedTransfer, confirmations: number) => {
      const session = index.get(chain.id, transfer.to);
      if (session === undefined) return;
      if (!paysSessionAsset(transfer, session)) {
        if (type === 'payment.detected') ledger.stageForeignAsset({ transfer, session });
        return;
      }
      ledger.stage(paymentFact(type, transfer, session, confirmations));
    };
    const follower = new ChainFollower({
      chainId: chain.id,
      client,
      wsClient,
      cursorStore: ledger,
      watched: index.forChain(chain.id),
      nativeAsset,
      tokens,
      confirmations: chain.confirmations,
      windowSize: this.windowSize,
      requiredConfirmations: (transfer) => {
        const session = index.get(chain.id, transfer.to);
        return session && requiredConfirmations(chain.confirmations, session.confirmationsRequired, Math.max(this.windowSize, chain.confirmations + 1) - 1);
      },
      beforeSync: this.options.beforeSync,
      handlers: {
        detected: (transfer) => stage('payment.detected', transfer, 1),
        confirmed: (transfer, confirmations) => stage('payment.confirmed', transfer, confirmations),
        reverted: (transfer) => stage('payment.reverted', transfer, 0),
      },
      pollingIntervalMs: this.options.pollingIntervalMs,
      startBlock: this.options.startBlock,
      logger: this.logger,
    });
    await follower.start();
    watch.follower = follower;
  }
}
