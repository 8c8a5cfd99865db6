import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { EnvInt } from '@opencheckout/config';

/** The payment watcher's own settings; shared ones (database, NATS, log) come from @opencheckout/config. */
export class WatcherConfig {
  /** Chains as JSON (see libs/chain ChainConfig); unset: the local anvil chain at CHAIN_RPC_URL. */
  @IsOptional()
  @IsString()
  CHAINS_JSON?: string;

  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  CHAIN_RPC_URL: string = 'http://127.0.0.1:8545';

  /** New heads over WebSocket wake the follower at once; HTTP polling stays as the fallback. */
  @IsOptional()
  @IsUrl({ protocols: ['ws', 'wss'], require_tld: false, require_protocol: true })
  CHAIN_WS_URL?: string;

  /** The test USDC on the local chain, once deployed. */
  @IsOptional()
  @IsString()
  DEV_USDC_ADDRESS?: string;

  /** How often each chain's head is polled. */
  @EnvInt()
  @IsInt()
  @Min(10)
  @Max(60_000)
  WATCHER_POLL_INTERVAL_MS: number = 1_000;

  /** Where a chain with no cursor yet starts: `latest` or a block number. */
  @IsString()
  @Matches(/^(latest|\d+)$/)
  WATCHER_START_BLOCK: string = 'latest';

  /** NATS KV bucket holding one lease per chain (one active follower per chain across replicas). */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]+$/)
  WATCHER_LEASE_BUCKET: string = 'watcher_leases';

  /** A lease not renewed for this long expires and another replica takes the chain. */
  @EnvInt()
  @IsInt()
  @Min(500)
  WATCHER_LEASE_TTL_MS: number = 6_000;

  /** How often the holder renews (and a standby tries to acquire). Well under the TTL. */
  @EnvInt()
  @IsInt()
  @Min(100)
  WATCHER_LEASE_RENEW_MS: number = 2_000;

  /** Addresses stay watched this long after expiry + grace, so late money is still recorded. */
  @EnvInt()
  @IsInt()
  @Min(0)
  WATCHER_WATCH_TAIL_SECONDS: number = 7 * 24 * 3600;
}
