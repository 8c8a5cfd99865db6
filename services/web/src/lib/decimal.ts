// Exact decimal arithmetic on strings and bigints: money never passes through a float.

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export function isDecimalString(value: string): boolean {
  return DECIMAL.test(value.trim());
}

/** Atomic units (wei, cents) to a decimal string with trailing zeros trimmed. */
export function atomicToDecimal(atomic: bigint | string, decimals: number): string {
  const value = typeof atomic === 'bigint' ? atomic : parseInteger(atomic);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString();
  const sign = negative ? '-' : '';
  if (decimals === 0) return sign + digits;
  const padded = digits.padStart(decimals + 1, '0');
  const whole = padded.slice(0, -decimals);
  const fraction = padded.slice(-decimals).replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** A decimal string to atomic units; refuses more fraction digits than the unit holds. */
export function decimalToAtomic(decimal: string, decimals: number): bigint {
  const match = DECIMAL.exec(decimal.trim());
  if (!match) throw new RangeError(`Not a decimal number: ${decimal}`);
  const [, minus, whole, fraction = ''] = match;
  if (fraction.length > decimals) throw new RangeError(`At most ${decimals} decimal places`);
  const value = BigInt(whole + fraction.padEnd(decimals, '0'));
  return minus ? -value : value;
}

export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const scale = Math.max(fractionLength(a), fractionLength(b));
  const x = decimalToAtomic(a, scale);
  const y = decimalToAtomic(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function fractionLength(decimal: string): number {
  const match = DECIMAL.exec(decimal.trim());
  return match?.[3]?.length ?? 0;
}

/** Rounds half away from zero to `digits` fraction digits, keeping them all (e.g. "12.40"). */
export function roundDecimal(decimal: string, digits: number): string {
  const scale = Math.max(fractionLength(decimal), digits);
  const value = decimalToAtomic(decimal, scale);
  const divisor = 10n ** BigInt(scale - digits);
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  let rounded = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor && divisor > 1n) rounded += 1n;
  const text = atomicToDecimal(negative ? -rounded : rounded, digits);
  if (digits === 0) return text;
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(digits, '0')}`;
}

/** A ratio as a decimal string ("0.124") to a percentage ("12.4%"), by moving the point. */
export function ratioToPercent(ratio: string, digits = 1): string {
  const scale = fractionLength(ratio);
  const hundredths = decimalToAtomic(ratio, scale) * 100n;
  return `${roundDecimal(atomicToDecimal(hundredths, scale), digits)}%`;
}

function parseInteger(text: string): bigint {
  if (!/^-?\d+$/.test(text.trim())) throw new RangeError(`Not an integer amount: ${text}`);
  return BigInt(text.trim());
}
