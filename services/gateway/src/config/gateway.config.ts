import { IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { EnvInt, EnvList } from '@opencheckout/config';

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export class GatewayConfig {
  @EnvInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  /** Where buyers and merchants reach this gateway; links in answers point here. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PUBLIC_URL: string = 'http://localhost:3000';

  /** The operator's token for /api/admin; at least 24 characters. */
  @IsString()
  @MinLength(24)
  OPENCHECKOUT_ADMIN_TOKEN!: string;

  /** Requests per second allowed per API key (a burst of twice this is absorbed). */
  @EnvInt()
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_SECOND: number = 100;

  /** How long a request waits for a service's answer. */
  @EnvInt()
  @IsInt()
  @Min(100)
  RPC_TIMEOUT_MS: number = 10_000;

  /** Services that must answer before /readyz says ready. */
  @EnvList()
  @IsString({ each: true })
  GATEWAY_READY_SERVICES: string[] = ['session', 'dashboard-api', 'payment-watcher', 'webhook-dispatcher'];

  /** The built dashboard and checkout page (services/web/build); unset: look beside the gateway. */
  @IsOptional()
  @IsString()
  WEB_BUILD_DIR?: string;
}
