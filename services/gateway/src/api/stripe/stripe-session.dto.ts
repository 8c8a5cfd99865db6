import { Type } from 'class-transformer';
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
import { HTTP_URL, IsMetadata, LIMITS, ToInt } from '../validators.js';

export class StripeProductDataDto {
  @IsString()
  @Length(1, LIMITS.nameLength)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.descriptionLength)
  description?: string;
}

export class StripeRecurringDto {
  @IsIn(['day', 'week', 'month', 'year'])
  interval!: 'day' | 'week' | 'month' | 'year';

  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(365)
  interval_count?: number;
}

export class StripePriceDataDto {
  @IsString()
  @Matches(/^[a-zA-Z]{3}$/, { message: 'must be a three-letter ISO currency code' })
  currency!: string;

  // An array passes ValidateNested as a list of nothing: one object is required.
  @IsObject()
  @ValidateNested()
  @Type(() => StripeProductDataDto)
  product_data!: StripeProductDataDto;

  /** In the currency's minor unit (cents). */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(Number(LIMITS.maxAmountMinor))
  unit_amount!: number;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StripeRecurringDto)
  recurring?: StripeRecurringDto;
}

export class StripeLineItemDto {
  @IsObject()
  @ValidateNested()
  @Type(() => StripePriceDataDto)
  price_data!: StripePriceDataDto;

  @ToInt()
  @IsInt()
  @Min(1)
  @Max(LIMITS.quantity)
  quantity!: number;
}

export class StripeCryptoOptionsDto {
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{2,12}$/)
  asset?: string;

  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  chain_id?: number;
}

/** Stripe's Checkout Session create parameters that apply to crypto checkout (seed 001). */
export class CreateStripeSessionDto {
  @IsOptional()
  @IsIn(['payment', 'donation', 'subscription'])
  mode?: 'payment' | 'donation' | 'subscription';

  @IsArray()
  @ArrayMaxSize(LIMITS.lineItems)
  @ValidateNested({ each: true })
  @Type(() => StripeLineItemDto)
  line_items!: StripeLineItemDto[];

  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(LIMITS.urlLength)
  success_url?: string;

  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(LIMITS.urlLength)
  cancel_url?: string;

  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;

  /** Unix seconds. */
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(0)
  expires_at?: number;

  @IsOptional()
  @IsString()
  @Length(1, LIMITS.clientReferenceIdLength)
  client_reference_id?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  customer_email?: string;

  /** Accepted for compatibility; crypto is the only method here. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  payment_method_types?: string[];

  /** Where to pay: asset and chain (an OpenCheckout extension). */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StripeCryptoOptionsDto)
  crypto?: StripeCryptoOptionsDto;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  expand?: string[];
}

export class StripeListQuery {
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  starting_after?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  ending_before?: string;

  @IsOptional()
  @IsIn(['open', 'complete', 'expired'])
  status?: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.clientReferenceIdLength)
  client_reference_id?: string;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  expand?: string[];
}
