import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { EnvInt } from '@opencheckout/config';

/** The session service's own settings; shared ones (database, NATS, log) come from @opencheckout/config. */
export class SessionConfig {
  /** The gateway's public base URL: checkout links point there. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PUBLIC_URL: string = 'http://localhost:3000';

  @EnvInt()
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  SESSION_DEFAULT_EXPIRES_SECONDS: number = 24 * 3600;

  /** Bounds on a merchant's `expiresInSeconds`. Low floors are for test runs (e2e uses 2). */
  @EnvInt()
  @IsInt()
  @Min(1)
  SESSION_MIN_EXPIRES_SECONDS: number = 60;

  @EnvInt()
  @IsInt()
  @Max(30 * 24 * 3600)
  SESSION_MAX_EXPIRES_SECONDS: number = 7 * 24 * 3600;

  /** Payments made this long after expiry still count, as `paid_late`. */
  @EnvInt()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  SESSION_LATE_GRACE_SECONDS: number = 600;

  /** How often due expiries are looked for. */
  @EnvInt()
  @IsInt()
  @Min(50)
  SESSION_EXPIRY_SWEEP_MS: number = 1_000;

  /** A subscription's next session opens this long before the paid period ends. */
  @EnvInt()
  @IsInt()
  @Min(0)
  SUBSCRIPTION_RENEWAL_LEAD_SECONDS: number = 3 * 24 * 3600;

  /** How often due renewals are looked for. */
  @EnvInt()
  @IsInt()
  @Min(50)
  SUBSCRIPTION_RENEWAL_SWEEP_MS: number = 30_000;

  /** Chains as JSON (see libs/chain ChainConfig); unset: the local anvil chain at CHAIN_RPC_URL. */
  @IsOptional()
  @IsString()
  CHAINS_JSON?: string;

  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  CHAIN_RPC_URL: string = 'http://127.0.0.1:8545';

  /** The test USDC on the local chain, once deployed. */
  @IsOptional()
  @IsString()
  DEV_USDC_ADDRESS?: string;
}
