import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RETRY_DELAYS_MS, RetrySchedule } from './retry-schedule.js';
import { parseRetryAfter } from './parse-retry-after.js';

const now = new Date('2026-11-22T10:00:00Z');
const at = (date: Date | null) => (date === null ? null : date.getTime() - now.getTime());

describe('RetrySchedule', () => {
  it('defaults to 6 retries over about 31 hours', () => {
    expect(DEFAULT_RETRY_DELAYS_MS).toHaveLength(6);
    const total = DEFAULT_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total / 3_600_000).toBeGreaterThan(30);
    expect(total / 3_600_000).toBeLessThan(32);
    expect(new RetrySchedule().maxAttempts).toBe(7);
  });

  it('follows the delays without jitter and gives up after the last retry', () => {
    const schedule = new RetrySchedule({ jitter: 0 });
    DEFAULT_RETRY_DELAYS_MS.forEach((delay, index) => expect(at(schedule.nextAttemptAt(index + 1, now))).toBe(delay));
    expect(schedule.nextAttemptAt(7, now)).toBeNull();
    expect(() => schedule.nextAttemptAt(0, now)).toThrow(RangeError);
  });

  it('jitters each delay within ±20 %, reaching both ends', () => {
    const low = new RetrySchedule({ delaysMs: [1000], random: () => 0 });
    const high = new RetrySchedule({ delaysMs: [1000], random: () => 0.999999 });
    expect(at(low.nextAttemptAt(1, now))).toBe(800);
    expect(at(high.nextAttemptAt(1, now))).toBe(1200);
    const real = new RetrySchedule({ delaysMs: [100_000] });
    const seen = Array.from({ length: 200 }, () => at(real.nextAttemptAt(1, now))!);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(80_000);
    expect(Math.max(...seen)).toBeLessThanOrEqual(120_000);
    expect(new Set(seen).size).toBeGreaterThan(1);
  });

  it('honours Retry-After in seconds or as an HTTP date, as a lower bound, capped', () => {
    const schedule = new RetrySchedule({ delaysMs: [1000, 1000], jitter: 0, maxRetryAfterMs: 60_000 });
    expect(at(schedule.nextAttemptAt(1, now, '30'))).toBe(30_000);
    expect(at(schedule.nextAttemptAt(1, now, 45))).toBe(45_000);
    expect(at(schedule.nextAttemptAt(1, now, new Date(now.getTime() + 20_000).toUTCString()))).toBe(20_000);
    expect(at(schedule.nextAttemptAt(1, now, '0'))).toBe(1000);
    expect(at(schedule.nextAttemptAt(1, now, '86400'))).toBe(60_000);
    expect(at(schedule.nextAttemptAt(1, now, 'soon'))).toBe(1000);
    expect(schedule.nextAttemptAt(3, now, '5')).toBeNull();
  });

  it('parses configuration text so tests can run a fast schedule', () => {
    const schedule = RetrySchedule.parse('100ms, 1s,5m,2h,1.5d', { jitter: 0 });
    expect(schedule.delaysMs).toEqual([100, 1000, 300_000, 7_200_000, 129_600_000]);
    expect(() => RetrySchedule.parse('5 minutes')).toThrow(RangeError);
    expect(RetrySchedule.parse('').nextAttemptAt(1, now)).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, never negative', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('2026-11-22', now)).toBeUndefined();
  });
});
