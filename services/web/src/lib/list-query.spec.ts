import { describe, it, expect } from '@jest/globals';
import { buildSessionListQuery, dayToUnixSeconds, withinAmountRange } from './list-query.js';

describe('dayToUnixSeconds', () => {
  it('reads a day as UTC, from its first or last second', () => {
    expect(dayToUnixSeconds('2025-10-01')).toBe(1759276800);
    expect(dayToUnixSeconds('2025-10-01', true)).toBe(1759276800 + 86_399);
    expect(dayToUnixSeconds('10/01/2025')).toBeNull();
  });
});

describe('buildSessionListQuery', () => {
  it('maps filters onto the list parameters', () => {
    const query = new URLSearchParams(
      buildSessionListQuery({ status: 'paid', from: '2025-10-01', to: '2025-10-30' }, { limit: 25, startingAfter: 'cs_123' }),
    );
    expect(query.get('limit')).toBe('25');
    expect(query.get('starting_after')).toBe('cs_123');
    expect(query.get('status')).toBe('paid');
    expect(query.get('created[gte]')).toBe('1759276800');
    expect(query.get('created[lte]')).toBe(String(dayToUnixSeconds('2025-10-30', true)));
  });

  it('leaves out empty filters', () => {
    expect(buildSessionListQuery({}, { limit: 10 })).toBe('limit=10');
  });
});

describe('withinAmountRange', () => {
  it('compares decimal strings inclusively', () => {
    expect(withinAmountRange('50.00', '50', '100')).toBe(true);
    expect(withinAmountRange('100.01', '50', '100')).toBe(false);
    expect(withinAmountRange('49.999', '50', undefined)).toBe(false);
  });

  it('passes everything without bounds and ignores bounds that are not numbers', () => {
    expect(withinAmountRange(null)).toBe(true);
    expect(withinAmountRange('5', 'abc', '')).toBe(true);
    expect(withinAmountRange(null, '1')).toBe(false);
  });
});
