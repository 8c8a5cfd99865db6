import { ValidationError } from '@opencheckout/errors';

/** The largest amount an EVM chain can carry (uint256), also the bound of numeric(78,0). */
export const MAX_UINT256 = 2n ** 256n - 1n;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * "18.47392" with 18 decimals → 18473920000000000000n. Plain non-negative
 * decimals only: no sign, exponent, separators, or more fraction digits than
 * `decimals` (those would be silently rounded otherwise).
 */
export function decimalStringToAtomic(value: string, decimals: number, param = 'amount'): bigint {
  assertDecimals(decimals);
  if (typeof value !== 'string' || value.length === 0 || value.length > 100) {
    throw new ValidationError('Amount must be a decimal string.', { param, code: 'amount_invalid' });
  }
  const match = DECIMAL.exec(value);
  if (!match) {
    throw new ValidationError(`Invalid amount '${value}': use a plain decimal such as "12.50".`, {
      param,
      code: 'amount_invalid',
    });
  }
  const whole = match[1]!;
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) {
    throw new ValidationError(`Amount '${value}' has more than ${decimals} decimal places.`, {
      param,
      code: 'amount_too_precise',
    });
  }
  const atomic = BigInt(whole + fraction.padEnd(decimals, '0'));
  if (atomic > MAX_UINT256) {
    throw new ValidationError(`Amount '${value}' is too large.`, { param, code: 'amount_too_large' });
  }
  return atomic;
}

export function assertDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 36) {
    throw new ValidationError('Decimals must be an integer from 0 to 36.', { param: 'decimals', code: 'decimals_invalid' });
  }
}
