import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../page-query.js';
import { HTTP_URL, IsMetadata, LIMITS } from '../validators.js';

const DECIMAL = /^\d{1,15}(\.\d{1,18})?$/;
const CURRENCY = /^[A-Za-z]{3}$/;

export class MoneyDto {
  @IsString()
  @Matches(DECIMAL, { message: 'must be a positive decimal string such as "50.00"' })
  value!: string;

  @IsString()
  @Matches(CURRENCY, { message: 'must be an ISO 4217 currency code such as "USD"' })
  currency!: string;
}

export class RecurringDto {
  @IsIn(['day', 'week', 'month', 'year'])
  interval!: 'day' | 'week' | 'month' | 'year';

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  intervalCount?: number;
}

export class NativeLineItemDto {
  @IsString()
  @Length(1, LIMITS.nameLength)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.descriptionLength)
  description?: string;

  @IsInt()
  @Min(1)
  @Max(LIMITS.quantity)
  quantity!: number;

  /** Unit price as a decimal string in the session's currency. */
  @IsString()
  @Matches(DECIMAL, { message: 'must be a positive decimal string such as "12.50"' })
  unitAmount!: string;

  @IsOptional()
  // An array passes ValidateNested as a list of nothing: one object is required.
  @IsObject()
  @ValidateNested()
  @Type(() => RecurringDto)
  recurring?: RecurringDto;
}

export class DonationDto {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  minimum?: MoneyDto;
}

/** The native create body (seed 004). */
export class CreateNativeSessionDto {
  @IsOptional()
  @IsIn(['payment', 'donation', 'subscription'])
  mode?: 'payment' | 'donation' | 'subscription';

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount?: MoneyDto;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9]{2,12}$/, { message: 'must be an asset code such as "ETH" or "USDC"' })
  asset?: string;

  /** A chain id (number or numeric string). */
  @IsOptional()
  // JSON callers (the SDK among them) send a number: validate it in the one textual form.
  @Transform(({ value }) => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value))
  @Matches(/^\d{1,10}$/, { message: 'must be a chain id such as 1 or 8453' })
  chain?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.lineItems)
  @ValidateNested({ each: true })
  @Type(() => NativeLineItemDto)
  lineItems?: NativeLineItemDto[];

  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;

  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(LIMITS.urlLength)
  successUrl?: string;

  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(LIMITS.urlLength)
  cancelUrl?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.maxExpiresInSeconds)
  expiresInSeconds?: number;

  @IsOptional()
  @IsString()
  @Length(1, LIMITS.clientReferenceIdLength)
  clientReferenceId?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  customerEmail?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DonationDto)
  donation?: DonationDto;
}

export class ListNativeSessionsQuery extends PageQuery {
  @IsOptional()
  @IsIn(['pending', 'detected', 'paid', 'underpaid', 'overpaid', 'expired', 'paid_late', 'canceled'])
  status?: string;

  /** Unix seconds or an ISO date. */
  @IsOptional()
  @IsString()
  createdGte?: string;

  @IsOptional()
  @IsString()
  createdLte?: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.clientReferenceIdLength)
  clientReferenceId?: string;
}
