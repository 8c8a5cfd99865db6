import { compareDecimal, fractionLength, isDecimalString } from './decimal.js';
import { currencyExponent, formatFiat } from './format-money.js';

/** Checks the amount a donor typed; answers the message to show, or null when it is fine. */
export function validateDonationAmount(
  input: string,
  currency: string,
  minimum?: { value: string; currency: string } | null,
): string | null {
  const value = input.trim();
  if (!value) return 'Enter an amount.';
  if (!isDecimalString(value) || value.startsWith('-')) return 'Enter a positive number, like 25 or 25.50.';
  const exponent = currencyExponent(currency);
  if (fractionLength(value) > exponent) return `Use at most ${exponent} decimal places.`;
  if (compareDecimal(value, '0') <= 0) return 'The amount must be more than zero.';
  if (minimum && isDecimalString(minimum.value) && compareDecimal(value, minimum.value) < 0) {
    return `The minimum is ${formatFiat(minimum.value, minimum.currency)}.`;
  }
  return null;
}
