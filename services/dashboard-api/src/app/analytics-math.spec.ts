import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { conversionRate, divideHalfUp } from './analytics-overview.usecase.js';

describe('analytics integer math', () => {
  it('writes the conversion rate with four places, rounded half up', () => {
    expect(conversionRate(2, 3)).toEqual({ text: '0.6667', bps: 6667 });
    expect(conversionRate(1, 3)).toEqual({ text: '0.3333', bps: 3333 });
    expect(conversionRate(3, 3)).toEqual({ text: '1.0000', bps: 10000 });
    expect(conversionRate(1, 8)).toEqual({ text: '0.1250', bps: 1250 });
    expect(conversionRate(1, 20000)).toEqual({ text: '0.0001', bps: 1 });
    expect(conversionRate(0, 0)).toEqual({ text: '0.0000', bps: 0 });
  });

  it('rounds halves up and matches exact rational rounding', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(7n, 3n)).toBe(2n);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (a, b) => {
        const q = divideHalfUp(a, b);
        // q is the nearest integer to a/b with ties upward: a/b - q lies in [-1/2, 1/2).
        const twiceError = 2n * (a - q * b);
        return twiceError >= -b && twiceError < b;
      }),
    );
  });
});
