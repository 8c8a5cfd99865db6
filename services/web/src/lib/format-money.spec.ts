import { describe, it, expect } from '@jest/globals';
import { currencyExponent, formatCrypto, formatFiat, formatFiatMinor } from './format-money.js';

describe('currencyExponent', () => {
  it('knows the ISO 4217 minor units', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
  });

  it('falls back to 2 for codes Intl does not accept', () => {
    expect(currencyExponent('USDC')).toBe(2);
  });
});

describe('formatFiat', () => {
  it('formats with the currency symbol and its minor units', () => {
    expect(formatFiat('50', 'USD', 'en-US')).toBe('$50.00');
    expect(formatFiat('1247.5', 'USD', 'en-US')).toBe('$1,247.50');
    expect(formatFiat('1000', 'JPY', 'en-US')).toBe('¥1,000');
  });

  it('never rounds through a float', () => {
    // 12345678901234567.89 as a double is 12345678901234568.
    expect(formatFiat('12345678901234567.89', 'USD', 'en-US')).toBe('$12,345,678,901,234,567.89');
  });

  it('keeps sub-cent digits rather than hiding them', () => {
    expect(formatFiat('0.005', 'USD', 'en-US')).toBe('$0.005');
  });

  it('shows unknown currency codes after the number', () => {
    expect(formatFiat('2.5', 'USDC', 'en-US')).toBe('2.5 USDC');
  });
});

describe('formatFiatMinor', () => {
  it('reads minor units by the currency exponent', () => {
    expect(formatFiatMinor('124750', 'USD', 'en-US')).toBe('$1,247.50');
    expect(formatFiatMinor('5', 'USD', 'en-US')).toBe('$0.05');
    expect(formatFiatMinor('1000', 'JPY', 'en-US')).toBe('¥1,000');
    expect(formatFiatMinor(900719925474099312n, 'USD', 'en-US')).toBe('$9,007,199,254,740,993.12');
  });
});

describe('formatCrypto', () => {
  it('shows every significant digit of an 18-decimals amount', () => {
    expect(formatCrypto('18.47392', 'ETH', 'en-US')).toBe('18.47392 ETH');
    expect(formatCrypto('0.000000000000000001', 'ETH', 'en-US')).toBe('0.000000000000000001 ETH');
    expect(formatCrypto('1234567.123456789012345678', 'ETH', 'en-US')).toBe('1,234,567.123456789012345678 ETH');
  });
});
