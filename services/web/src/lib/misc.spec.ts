import { describe, it, expect } from '@jest/globals';
import { barHeights } from './chart-scale.js';
import { shortenHex } from './hex.js';
import { listOf } from './list-of.js';
import { safeRedirectUrl } from './safe-url.js';
import { toQueryString } from './api-client.js';

describe('barHeights', () => {
  it('scales to the highest day, keeping small non-zero days visible', () => {
    expect(barHeights(['1000', '500', '0', '1'], 200)).toEqual([200, 100, 0, 1]);
  });

  it('handles amounts far beyond float precision and an all-zero period', () => {
    expect(barHeights([(10n ** 40n).toString(), (5n * 10n ** 39n).toString()], 100)).toEqual([100, 50]);
    expect(barHeights(['0', '0'], 100)).toEqual([0, 0]);
  });
});

describe('shortenHex', () => {
  it('keeps both ends of a hash', () => {
    expect(shortenHex('0x8f4e1234567890abcdef9a2b')).toBe('0x8f4e…9a2b');
    expect(shortenHex('0x1234')).toBe('0x1234');
    expect(shortenHex('cs_abc')).toBe('cs_abc');
  });
});

describe('safeRedirectUrl', () => {
  it('follows http(s) only', () => {
    expect(safeRedirectUrl('https://shop.example/success?session_id=cs_1')).toBe('https://shop.example/success?session_id=cs_1');
    expect(safeRedirectUrl('javascript:alert(1)')).toBeNull();
    expect(safeRedirectUrl('data:text/html,hi')).toBeNull();
    expect(safeRedirectUrl('/thanks', 'https://checkout.example/checkout/cs_1')).toBe('https://checkout.example/thanks');
    expect(safeRedirectUrl(null)).toBeNull();
  });
});

describe('listOf and toQueryString', () => {
  it('reads lists in either shape', () => {
    expect(listOf({ data: [1, 2] })).toEqual([1, 2]);
    expect(listOf([3])).toEqual([3]);
    expect(listOf(null)).toEqual([]);
  });

  it('drops empty query values', () => {
    expect(toQueryString({ limit: 5, status: '', endpointId: undefined })).toBe('?limit=5');
    expect(toQueryString({})).toBe('');
  });
});
