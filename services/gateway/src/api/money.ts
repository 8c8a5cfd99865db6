import { atomicToDecimalString, decimalStringToAtomic, fiatDecimals } from '@opencheckout/chain';
import { ValidationError } from '@opencheckout/errors';
import { LIMITS } from './validators.js';

/** "50.00" USD → 5000n: refuses more decimals than the currency has, zero, and absurd amounts. */
export function fiatToMinor(value: string, currency: string, param: string, allowZero = false): bigint {
  const minor = decimalStringToAtomic(value, fiatDecimals(currency.toUpperCase(), param), param);
  if (!allowZero && minor <= 0n) throw new ValidationError('The amount must be greater than zero.', { param, code: 'amount_too_small' });
  if (minor > LIMITS.maxAmountMinor) throw new ValidationError('The amount is too large.', { param, code: 'amount_too_large' });
  return minor;
}

/** 5000n USD → "50.00". */
export function minorToFiat(minor: string | bigint, currency: string): string {
  return atomicToDecimalString(BigInt(minor || 0), fiatDecimals(currency.toUpperCase()), { fixed: true });
}

export function atomicPair(atomic: string, decimals: number): { atomic: string; decimal: string } {
  const value = atomic === '' ? '0' : atomic;
  return { atomic: value, decimal: atomicToDecimalString(BigInt(value), decimals) };
}
