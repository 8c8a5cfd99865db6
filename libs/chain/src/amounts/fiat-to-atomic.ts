import { ValidationError } from '@opencheckout/errors';
import { assertDecimals } from './decimal-string-to-atomic.js';
import { assertRate, type Rate } from './rate.js';

export interface FiatToAtomicParameters {
  /** Price in fiat minor units (cents for USD, yen for JPY). */
  amountMinor: bigint;
  /** ISO 4217 exponent of the fiat currency (see fiatDecimals). */
  fiatDecimals: number;
  /** Fiat major units per one whole asset unit, exact. */
  rate: Rate;
  assetDecimals: number;
}

/**
 * The crypto amount to ask for, in atomic units. THE rounding rule of the
 * platform lives here and only here: round up (ceil), so the merchant never
 * receives less than the fiat price, and at most one atomic unit more.
 *
 *   atomic = ceil(amountMinor / 10^fiatDecimals / (num/den) * 10^assetDecimals)
 */
export function fiatToAtomic({ amountMinor, fiatDecimals, rate, assetDecimals }: FiatToAtomicParameters): bigint {
  assertDecimals(fiatDecimals);
  assertDecimals(assetDecimals);
  assertRate(rate);
  if (typeof amountMinor !== 'bigint' || amountMinor < 0n) {
    throw new ValidationError('Amount must be a non-negative integer of minor units.', { param: 'amount', code: 'amount_invalid' });
  }
  const dividend = amountMinor * rate.denominator * 10n ** BigInt(assetDecimals);
  const divisor = rate.numerator * 10n ** BigInt(fiatDecimals);
  return (dividend + divisor - 1n) / divisor;
}
