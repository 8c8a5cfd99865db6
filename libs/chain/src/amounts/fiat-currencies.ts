import { ValidationError } from '@opencheckout/errors';

/**
 * ISO 4217 minor-unit exponents for the currencies a merchant may price in.
 * Absent means not supported: better a clear error than a guessed exponent.
 */
export const FIAT_DECIMALS: Readonly<Record<string, number>> = Object.freeze({
  AED: 2, ARS: 2, AUD: 2, BGN: 2, BHD: 3, BRL: 2, CAD: 2, CHF: 2, CLP: 0, CNY: 2, COP: 2, CZK: 2,
  DKK: 2, EGP: 2, EUR: 2, GBP: 2, HKD: 2, HUF: 2, IDR: 2, ILS: 2, INR: 2, ISK: 0, JOD: 3, JPY: 0,
  KRW: 0, KWD: 3, MAD: 2, MXN: 2, MYR: 2, NGN: 2, NOK: 2, NZD: 2, OMR: 3, PHP: 2, PKR: 2, PLN: 2,
  QAR: 2, RON: 2, RSD: 2, SAR: 2, SEK: 2, SGD: 2, THB: 2, TND: 3, TRY: 2, TWD: 2, UAH: 2, UGX: 0,
  USD: 2, VND: 0, XAF: 0, XOF: 0, ZAR: 2,
});

/** Minor-unit exponent of an ISO 4217 code (case-insensitive): USD 2, JPY 0, KWD 3. */
export function fiatDecimals(currency: string, param = 'currency'): number {
  const decimals = typeof currency === 'string' ? FIAT_DECIMALS[currency.toUpperCase()] : undefined;
  if (decimals === undefined) {
    throw new ValidationError(`Unsupported currency: '${String(currency).slice(0, 8)}'.`, {
      param,
      code: 'currency_unsupported',
    });
  }
  return decimals;
}
