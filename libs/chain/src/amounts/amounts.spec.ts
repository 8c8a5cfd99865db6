import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ValidationError } from '@opencheckout/errors';
import { atomicToDecimalString } from './atomic-to-decimal-string.js';
import { decimalStringToAtomic, MAX_UINT256 } from './decimal-string-to-atomic.js';
import { decimalStringToRate } from './decimal-string-to-rate.js';
import { fiatDecimals } from './fiat-currencies.js';
import { fiatToAtomic } from './fiat-to-atomic.js';

describe('decimalStringToAtomic', () => {
  it.each([
    ['0', 18, 0n],
    ['1', 0, 1n],
    ['18.47392', 18, 18473920000000000000n],
    ['50.00', 2, 5000n],
    ['0.000001', 6, 1n],
    ['007.5', 1, 75n],
    ['1.100000', 6, 1100000n],
  ])('%s with %i decimals → %s', (text, decimals, atomic) => {
    expect(decimalStringToAtomic(text, decimals)).toBe(atomic);
  });

  it.each(['', '-1', '1e5', '1E-2', '.5', '5.', '1,5', ' 1', '1 ', '+1', '0x10', 'NaN', 'Infinity', '1.2.3', '١'])(
    'rejects %j',
    (text) => {
      expect(() => decimalStringToAtomic(text, 18)).toThrow(ValidationError);
    },
  );

  it('rejects more decimals than the asset has', () => {
    expect(() => decimalStringToAtomic('1.0000001', 6)).toThrow(expect.objectContaining({ code: 'amount_too_precise' }));
    expect(() => decimalStringToAtomic('1.5', 0)).toThrow(ValidationError);
  });

  it('rejects amounts beyond uint256 and non-strings', () => {
    expect(decimalStringToAtomic(MAX_UINT256.toString(), 0)).toBe(MAX_UINT256);
    expect(() => decimalStringToAtomic((MAX_UINT256 + 1n).toString(), 0)).toThrow(expect.objectContaining({ code: 'amount_too_large' }));
    expect(() => decimalStringToAtomic(12 as unknown as string, 2)).toThrow(ValidationError);
  });
});

describe('atomicToDecimalString', () => {
  it.each([
    [0n, 18, '0'],
    [1n, 18, '0.000000000000000001'],
    [18473920000000000000n, 18, '18.47392'],
    [5000n, 2, '50'],
    [5n, 0, '5'],
    [1234567n, 6, '1.234567'],
  ])('%s with %i decimals → %s', (atomic, decimals, text) => {
    expect(atomicToDecimalString(atomic, decimals)).toBe(text);
  });

  it('keeps every digit when fixed', () => {
    expect(atomicToDecimalString(5000n, 2, { fixed: true })).toBe('50.00');
    expect(atomicToDecimalString(7n, 3, { fixed: true })).toBe('0.007');
    expect(atomicToDecimalString(7n, 0, { fixed: true })).toBe('7');
  });

  it('rejects negatives and bad decimals', () => {
    expect(() => atomicToDecimalString(-1n, 2)).toThrow(ValidationError);
    expect(() => atomicToDecimalString(1n, -1)).toThrow(ValidationError);
    expect(() => atomicToDecimalString(1n, 2.5)).toThrow(ValidationError);
  });
});

describe('fiatDecimals', () => {
  it('follows ISO 4217', () => {
    expect(fiatDecimals('USD')).toBe(2);
    expect(fiatDecimals('eur')).toBe(2);
    expect(fiatDecimals('JPY')).toBe(0);
    expect(fiatDecimals('KWD')).toBe(3);
    expect(() => fiatDecimals('XYZ')).toThrow(expect.objectContaining({ code: 'currency_unsupported' }));
  });
});

describe('fiatToAtomic', () => {
  it('prices the seed example: 50.00 USD at 2706.5 USD/ETH', () => {
    // 50 / 2706.5 = 100/5413 ETH = 10^20/5413 wei = 18474043968224644.37… → rounded up
    const atomic = fiatToAtomic({ amountMinor: 5000n, fiatDecimals: 2, rate: decimalStringToRate('2706.5'), assetDecimals: 18 });
    expect(atomic).toBe(18474043968224645n);
  });

  it('is exact when the division is exact', () => {
    expect(fiatToAtomic({ amountMinor: 5000n, fiatDecimals: 2, rate: { numerator: 1n, denominator: 1n }, assetDecimals: 6 })).toBe(50_000_000n);
    expect(fiatToAtomic({ amountMinor: 1000n, fiatDecimals: 0, rate: { numerator: 300000n, denominator: 1n }, assetDecimals: 18 })).toBe(
      3333333333333334n, // JPY: 1000 / 300000 ETH = 0.00333… → ceil
    );
    expect(fiatToAtomic({ amountMinor: 0n, fiatDecimals: 2, rate: { numerator: 3n, denominator: 1n }, assetDecimals: 18 })).toBe(0n);
  });

  it('rounds up: one atomic unit for a price below one atomic unit', () => {
    expect(fiatToAtomic({ amountMinor: 1n, fiatDecimals: 2, rate: { numerator: 1000n, denominator: 1n }, assetDecimals: 0 })).toBe(1n);
  });

  it('rejects zero or negative rates and negative amounts', () => {
    expect(() => fiatToAtomic({ amountMinor: 1n, fiatDecimals: 2, rate: { numerator: 0n, denominator: 1n }, assetDecimals: 6 })).toThrow(ValidationError);
    expect(() => fiatToAtomic({ amountMinor: 1n, fiatDecimals: 2, rate: { numerator: 1n, denominator: 0n }, assetDecimals: 6 })).toThrow(ValidationError);
    expect(() => fiatToAtomic({ amountMinor: -1n, fiatDecimals: 2, rate: { numerator: 1n, denominator: 1n }, assetDecimals: 6 })).toThrow(ValidationError);
  });

  it('property: never below the exact value, less than one atomic unit above', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 0, max: 3 }),
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.integer({ min: 0, max: 24 }),
        (amountMinor, fiatDec, numerator, denominator, assetDecimals) => {
          const atomic = fiatToAtomic({ amountMinor, fiatDecimals: fiatDec, rate: { numerator, denominator }, assetDecimals });
          // Compare atomic against the exact value amountMinor*den*10^ad / (num*10^fd) by cross-multiplying.
          const exactNumerator = amountMinor * denominator * 10n ** BigInt(assetDecimals);
          const exactDenominator = numerator * 10n ** BigInt(fiatDec);
          expect(atomic * exactDenominator >= exactNumerator).toBe(true);
          expect((atomic - 1n) * exactDenominator < exactNumerator || atomic === 0n).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('round trips', () => {
  it('property: atomic → string → atomic is the identity', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_UINT256 }), fc.integer({ min: 0, max: 36 }), fc.boolean(), (atomic, decimals, fixed) => {
        expect(decimalStringToAtomic(atomicToDecimalString(atomic, decimals, { fixed }), decimals)).toBe(atomic);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a canonical decimal string → atomic → string is the identity', () => {
    const canonical = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }), fc.nat({ max: 18 }))
      .map(([whole, decimals, digits]) => {
        const fraction = (BigInt(digits) * 7919n).toString().slice(0, Math.min(digits, decimals)).replace(/0+$/, '');
        return { text: fraction ? `${whole}.${fraction}` : `${whole}`, decimals };
      });
    fc.assert(
      fc.property(canonical, ({ text, decimals }) => {
        expect(atomicToDecimalString(decimalStringToAtomic(text, decimals), decimals)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decimalStringToRate', () => {
  it('is exact', () => {
    expect(decimalStringToRate('2034.1875')).toEqual({ numerator: 20341875n, denominator: 10000n });
    expect(decimalStringToRate('1')).toEqual({ numerator: 1n, denominator: 1n });
    expect(() => decimalStringToRate('0')).toThrow(ValidationError);
    expect(() => decimalStringToRate('-1')).toThrow(ValidationError);
    expect(() => decimalStringToRate('1e3')).toThrow(ValidationError);
  });
});
