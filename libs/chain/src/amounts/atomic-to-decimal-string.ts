import { ValidationError } from '@opencheckout/errors';
import { assertDecimals } from './decimal-string-to-atomic.js';

export interface AtomicToDecimalStringOptions {
  /** Keep every fraction digit ("50.00" rather than "50"), e.g. for fiat. Default false. */
  fixed?: boolean;
}

/** 18473920000000000000n with 18 decimals → "18.47392" (or all 18 digits with `fixed`). */
export function atomicToDecimalString(
  atomic: bigint,
  decimals: number,
  options: AtomicToDecimalStringOptions = {},
): string {
  assertDecimals(decimals);
  if (typeof atomic !== 'bigint' || atomic < 0n) {
    throw new ValidationError('Atomic amount must be a non-negative integer.', { code: 'amount_invalid' });
  }
  const digits = atomic.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  let fraction = digits.slice(digits.length - decimals);
  if (!options.fixed) fraction = fraction.replace(/0+$/, '');
  return fraction.length > 0 ? `${whole}.${fraction}` : whole;
}
