import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { atomicToDecimal, compareDecimal, decimalToAtomic, ratioToPercent, roundDecimal } from './decimal.js';

describe('atomicToDecimal', () => {
  it('places the point by the unit and trims trailing zeros', () => {
    expect(atomicToDecimal('18473920000000000000', 18)).toBe('18.47392');
    expect(atomicToDecimal('1', 18)).toBe('0.000000000000000001');
    expect(atomicToDecimal('5000', 2)).toBe('50');
    expect(atomicToDecimal('0', 6)).toBe('0');
    expect(atomicToDecimal(-150n, 2)).toBe('-1.5');
    expect(atomicToDecimal('1234', 0)).toBe('1234');
  });

  it('keeps every digit of amounts beyond float precision', () => {
    expect(atomicToDecimal('123456789012345678901234567890', 18)).toBe('123456789012.34567890123456789');
  });

  it('refuses anything that is not an integer', () => {
    expect(() => atomicToDecimal('1.5', 2)).toThrow(RangeError);
    expect(() => atomicToDecimal('1e18', 18)).toThrow(RangeError);
  });

  it('round-trips with decimalToAtomic for any amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.integer({ min: 0, max: 30 }), (atomic, decimals) => {
        expect(decimalToAtomic(atomicToDecimal(atomic, decimals), decimals)).toBe(atomic);
      }),
    );
  });
});

describe('decimalToAtomic', () => {
  it('converts decimal strings exactly', () => {
    expect(decimalToAtomic('0.1', 18)).toBe(100000000000000000n);
    expect(decimalToAtomic('50.00', 2)).toBe(5000n);
    expect(decimalToAtomic('-2.5', 2)).toBe(-250n);
  });

  it('refuses more fraction digits than the unit holds, and non-numbers', () => {
    expect(() => decimalToAtomic('0.001', 2)).toThrow(RangeError);
    expect(() => decimalToAtomic('abc', 2)).toThrow(RangeError);
    expect(() => decimalToAtomic('1e3', 2)).toThrow(RangeError);
  });
});

describe('compareDecimal', () => {
  it('compares values of different scales', () => {
    expect(compareDecimal('10', '9.99')).toBe(1);
    expect(compareDecimal('0.1', '0.10')).toBe(0);
    expect(compareDecimal('0.30000000000000000001', '0.3')).toBe(1);
    expect(compareDecimal('-1', '0')).toBe(-1);
  });
});

describe('roundDecimal and ratioToPercent', () => {
  it('rounds half away from zero and pads the fraction', () => {
    expect(roundDecimal('12.45', 1)).toBe('12.5');
    expect(roundDecimal('12.44', 1)).toBe('12.4');
    expect(roundDecimal('12', 2)).toBe('12.00');
    expect(roundDecimal('-0.05', 1)).toBe('-0.1');
    expect(roundDecimal('9.96', 1)).toBe('10.0');
  });

  it('turns a decimal ratio into a percentage by moving the point', () => {
    expect(ratioToPercent('0.124')).toBe('12.4%');
    expect(ratioToPercent('1')).toBe('100.0%');
    expect(ratioToPercent('0')).toBe('0.0%');
    expect(ratioToPercent('0.33333333333333333333')).toBe('33.3%');
    expect(ratioToPercent('0.0005', 2)).toBe('0.05%');
  });
});
