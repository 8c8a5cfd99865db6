import { IsArray, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { EnvInt, EnvList } from '@opencheckout/config';

/** The dispatcher's own settings; shared ones (database, NATS, log) come from @opencheckout/config. */
export class WebhookDispatcherConfig {
  /** RSA private key (PEM text, or a path to a PEM file) that opens endpoint secrets. */
  @IsString()
  @MinLength(1)
  WEBHOOK_SIGNING_PRIVATE_KEY!: string;

  /** Whole-exchange budget of one POST. */
  @EnvInt()
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS: number = 10_000;

  /** Delays before each retry, e.g. `5m,30m,2h,5h,10h,14h` (tests: `50ms,100ms`). */
  @IsString()
  @Matches(/^\s*\d+(\.\d+)?(ms|s|m|h|d)(\s*,\s*\d+(\.\d+)?(ms|s|m|h|d))*\s*$/, { message: 'must be delays such as 5m,30m,2h' })
  WEBHOOK_RETRY_SCHEDULE: string = '5m,30m,2h,5h,10h,14h';

  /** An endpoint failing without a success for this long is disabled. */
  @EnvInt()
  @IsInt()
  @Min(1)
  WEBHOOK_DISABLE_AFTER_SECONDS: number = 5 * 24 * 3600;

  /** Hosts, IPs or CIDRs allowed in live mode although private (development). */
  @EnvList()
  @IsArray()
  @IsString({ each: true })
  WEBHOOK_URL_ALLOWLIST: string[] = [];

  /** In-flight POSTs per endpoint (all replicas together) and per replica. */
  @EnvInt()
  @IsInt()
  @Min(1)
  @Max(64)
  WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT: number = 2;

  @EnvInt()
  @IsInt()
  @Min(1)
  @Max(1024)
  WEBHOOK_MAX_IN_FLIGHT: number = 32;

  /** How often due deliveries are looked for when nothing woke the worker. */
  @EnvInt()
  @IsInt()
  @Min(10)
  WEBHOOK_POLL_MS: number = 500;

  /** The `apiVersion` written into every envelope. */
  @IsString()
  @MinLength(1)
  WEBHOOK_API_VERSION: string = '2026-11-01';
}
