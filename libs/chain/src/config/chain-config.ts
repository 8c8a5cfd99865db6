import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsStringRecord } from './is-string-record.decorator.js';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const FIAT = /^[A-Z]{3}$/;
const DECIMAL = /^\d+(\.\d+)?$/;

export type RateSourceType = 'fixed' | 'stablecoin' | 'chainlink' | 'http';

/**
 * Where an asset's fiat price comes from. One class with per-type fields keeps
 * the JSON flat: `{"type":"fixed","rates":{"USD":"2000"}}`,
 * `{"type":"stablecoin","currency":"USD"}`,
 * `{"type":"chainlink","feeds":{"USD":"0x…"},"maxAgeSeconds":3600}`,
 * `{"type":"http","url":"https://…?vs={fiat_lower}","path":"ethereum.{fiat_lower}"}`.
 */
export class RateSourceConfig {
  @IsIn(['fixed', 'stablecoin', 'chainlink', 'http'])
  type!: RateSourceType;

  /** fixed: fiat code → decimal price of one whole asset unit. */
  @ValidateIf((o: RateSourceConfig) => o.type === 'fixed')
  @IsStringRecord(FIAT, DECIMAL)
  rates?: Record<string, string>;

  /** stablecoin: the fiat currency it tracks 1:1. */
  @ValidateIf((o: RateSourceConfig) => o.type === 'stablecoin')
  @Matches(FIAT)
  currency?: string;

  /** chainlink: fiat code → AggregatorV3Interface address on this chain. */
  @ValidateIf((o: RateSourceConfig) => o.type === 'chainlink')
  @IsStringRecord(FIAT, ADDRESS)
  feeds?: Record<string, string>;

  /** http: a JSON URL; `{asset}`, `{fiat}`, `{asset_lower}`, `{fiat_lower}` are filled in. */
  @ValidateIf((o: RateSourceConfig) => o.type === 'http')
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  url?: string;

  /** http: dot path to the price in the JSON answer, same placeholders as `url`. */
  @ValidateIf((o: RateSourceConfig) => o.type === 'http')
  @IsString()
  @Matches(/^[^.\s]+(\.[^.\s]+)*$/)
  path?: string;

  /** chainlink: older answers are refused. Default 3600. */
  @IsOptional()
  @IsInt()
  @Min(1)
  maxAgeSeconds?: number;
}

export class AssetConfig {
  /** Our code for the asset on this chain, unique per chain: "ETH", "USDC". */
  @Matches(/^[A-Z0-9]{2,12}$/)
  code!: string;

  @IsString()
  @Matches(/^\S{1,16}$/)
  symbol!: string;

  @IsInt()
  @Min(0)
  @Max(36)
  decimals!: number;

  @IsIn(['native', 'erc20'])
  type!: 'native' | 'erc20';

  /** Token contract (erc20 only). An erc20 without one is configured but not yet usable (dev before deploy). */
  @IsOptional()
  @Matches(ADDRESS)
  address?: string;

  @ValidateNested()
  @Type(() => RateSourceConfig)
  rateSource!: RateSourceConfig;
}

export class ChainConfig {
  /** EIP-155 chain id. */
  @IsInt()
  @IsPositive()
  id!: number;

  @IsString()
  @Matches(/^.{1,64}$/)
  name!: string;

  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  rpcHttp!: string;

  @IsOptional()
  @IsUrl({ protocols: ['ws', 'wss'], require_tld: false, require_protocol: true })
  rpcWs?: string;

  /** Blocks (including the one with the payment) before it counts as paid. */
  @IsInt()
  @Min(1)
  @Max(1000)
  confirmations: number = 3;

  @IsIn(['test', 'live'])
  mode!: 'test' | 'live';

  /** Typical seconds between blocks; sets the polling interval. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  blockTimeHint!: number;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => AssetConfig)
  assets!: AssetConfig[];
}
