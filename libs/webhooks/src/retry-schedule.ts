import { parseRetryAfter } from './parse-retry-after.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Svix-like: 6 retries after the first attempt, 5 m, 30 m, 2 h, 5 h, 10 h, 14 h —
 * 31 h 35 m in total before giving up (±20 % jitter each).
 */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR];

export interface RetryScheduleOptions {
  /** Delay before retry n (index n-1), in milliseconds; its length is the number of retries. */
  delaysMs?: readonly number[];
  /** Fraction of each delay added or removed at random, 0.2 = ±20 %. */
  jitter?: number;
  /** A `Retry-After` longer than this is cut to it, so one endpoint cannot park its deliveries forever. */
  maxRetryAfterMs?: number;
  /** Source of randomness in [0, 1); injectable for tests. */
  random?: () => number;
}

const units: Record<string, number> = { ms: 1, s: 1000, m: MINUTE, h: HOUR, d: 24 * HOUR };

/** When to try a failed delivery again, and when to give up. */
export class RetrySchedule {
  readonly delaysMs: readonly number[];
  readonly jitter: number;
  readonly maxRetryAfterMs: number;
  private readonly random: () => number;

  constructor(options: RetryScheduleOptions = {}) {
    const delays = options.delaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    for (const delay of delays) {
      if (!Number.isFinite(delay) || delay < 0) throw new RangeError('retry delays must be non-negative milliseconds');
    }
    const jitter = options.jitter ?? 0.2;
    if (!(jitter >= 0 && jitter < 1)) throw new RangeError('jitter must be in [0, 1)');
    this.delaysMs = Object.freeze([...delays]);
    this.jitter = jitter;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 6 * HOUR;
    this.random = options.random ?? Math.random;
  }

  /** A schedule from configuration text such as `"5m,30m,2h,5h,10h,14h"` or `"100ms,200ms"`. */
  static parse(spec: string, options: Omit<RetryScheduleOptions, 'delaysMs'> = {}): RetrySchedule {
    const delaysMs = spec
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => {
        const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(part);
        if (!match) throw new RangeError(`invalid retry delay '${part}' (use e.g. 500ms, 5s, 30m, 2h)`);
        return Math.round(Number(match[1]) * units[match[2]!]!);
      });
    return new RetrySchedule({ ...options, delaysMs });
  }

  /** Attempts in total: the first one plus every retry. */
  get maxAttempts(): number {
    return this.delaysMs.length + 1;
  }

  /**
   * When to make the next attempt after `attempt` (1-based, the one that just
   * failed) failed at `now`; null when the retries are spent. A `Retry-After`
   * (seconds or HTTP date) is honoured as a lower bound, capped at maxRetryAfterMs.
   */
  nextAttemptAt(attempt: number, now: Date, retryAfter?: string | number | null): Date | null {
    if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError('attempt is 1-based');
    if (attempt > this.delaysMs.length) return null;
    const base = this.delaysMs[attempt - 1]!;
    let delay = Math.round(base * (1 + this.jitter * (2 * this.random() - 1)));
    const requested = parseRetryAfter(retryAfter, now);
    if (requested !== undefined) delay = Math.max(delay, Math.min(requested, this.maxRetryAfterMs));
    return new Date(now.getTime() + delay);
  }
}
