import { atomicToDecimal, fractionLength, isDecimalString } from './decimal.js';

type NumericString = `${number}`;

/** ISO 4217 minor-unit exponent (2 for USD, 0 for JPY); 2 when Intl does not know the code. */
export function currencyExponent(currency: string): number {
  try {
    const options = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();
    return options.maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Formats a fiat decimal string for display. Intl formats numeric strings exactly,
 * so large or long amounts are never rounded through a float.
 */
export function formatFiat(decimal: string, currency: string, locale?: string): string {
  if (!isDecimalString(decimal)) return `${decimal} ${currency}`;
  const exponent = currencyExponent(currency);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: Math.min(100, Math.max(exponent, fractionLength(decimal))),
    }).format(decimal.trim() as NumericString);
  } catch {
    return `${formatPlain(decimal, locale)} ${currency}`;
  }
}

/** Formats an amount in minor units (cents) of `currency`. */
export function formatFiatMinor(amountMinor: string | bigint, currency: string, locale?: string): string {
  return formatFiat(atomicToDecimal(amountMinor, currencyExponent(currency)), currency, locale);
}

/** Formats a crypto decimal string with every significant digit, then the symbol. */
export function formatCrypto(decimal: string, symbol: string, locale?: string): string {
  if (!isDecimalString(decimal)) return `${decimal} ${symbol}`;
  return `${formatPlain(decimal, locale)} ${symbol}`;
}

function formatPlain(decimal: string, locale?: string): string {
  return new Intl.NumberFormat(locale, {
    maximumFractionDigits: Math.min(100, fractionLength(decimal)),
  }).format(decimal.trim() as NumericString);
}
