import { ValidationError } from '@opencheckout/errors';
import type { Rate } from './rate.js';

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** "2034.1875" → 20341875 / 10000, exactly. Positive plain decimals only (no floats ever). */
export function decimalStringToRate(value: string, param = 'rate'): Rate {
  const match = typeof value === 'string' && value.length <= 80 ? DECIMAL.exec(value) : null;
  if (!match) throw new ValidationError(`Invalid rate '${String(value).slice(0, 40)}'.`, { param, code: 'rate_invalid' });
  const fraction = match[2] ?? '';
  const numerator = BigInt(match[1]! + fraction);
  if (numerator === 0n) throw new ValidationError('A rate must be greater than zero.', { param, code: 'rate_invalid' });
  return { numerator, denominator: 10n ** BigInt(fraction.length) };
}
