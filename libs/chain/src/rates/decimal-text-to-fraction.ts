import type { Rate } from '../amounts/rate.js';

const NUMBER = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** "2034.18", "2.03418e3" → exact fraction; undefined for anything else (negatives included). */
export function decimalTextToFraction(text: string): Rate | undefined {
  const match = NUMBER.exec(text.trim());
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  const exponent = Number(match[3] ?? '0') - fraction.length;
  if (Math.abs(exponent) > 60) return undefined;
  const mantissa = BigInt(match[1]! + fraction);
  return exponent >= 0
    ? { numerator: mantissa * 10n ** BigInt(exponent), denominator: 1n }
    : { numerator: mantissa, denominator: 10n ** BigInt(-exponent) };
}
