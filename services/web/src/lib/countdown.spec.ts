import { describe, it, expect } from '@jest/globals';
import { formatCountdown, remainingMs } from './countdown.js';

describe('remainingMs', () => {
  const now = Date.parse('2026-01-01T12:00:00.000Z');

  it('counts down to the expiry', () => {
    expect(remainingMs('2026-01-01T12:15:00.000Z', now)).toBe(15 * 60_000);
  });

  it('is zero once expired or when the date is unreadable', () => {
    expect(remainingMs('2026-01-01T11:59:00.000Z', now)).toBe(0);
    expect(remainingMs('not a date', now)).toBe(0);
  });
});

describe('formatCountdown', () => {
  it('shows minutes and seconds, adding hours and days when needed', () => {
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(59_999)).toBe('0:59');
    expect(formatCountdown(15 * 60_000)).toBe('15:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(24 * 3_600_000)).toBe('1d 0:00:00');
    expect(formatCountdown(-5000)).toBe('0:00');
  });
});
