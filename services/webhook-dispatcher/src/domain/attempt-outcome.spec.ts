import { describe, expect, it } from '@jest/globals';
import { RetrySchedule } from '@opencheckout/webhooks';
import { decideAttemptOutcome } from './attempt-outcome.js';

const schedule = RetrySchedule.parse('1s,2s', { jitter: 0 });
const next = (attempt: number, now: Date, retryAfter?: string) => schedule.nextAttemptAt(attempt, now, retryAfter);
const now = new Date('2026-11-22T10:00:00Z');
const day = 24 * 3600 * 1000;

describe('decideAttemptOutcome', () => {
  it('succeeds on 2xx and clears the failure run', () => {
    expect(
      decideAttemptOutcome({ attempt: 3, result: { ok: true, status: 204 }, now, nextAttemptAt: next, failingSince: new Date(0), disableAfterMs: day }),
    ).toEqual({ status: 'succeeded', nextAttemptAt: null, failingSince: null, disableReason: null });
  });

  it('retries on the schedule, then fails when it is spent', () => {
    const first = decideAttemptOutcome({ attempt: 1, result: { ok: false, status: 500 }, now, nextAttemptAt: next, failingSince: null, disableAfterMs: day });
    expect(first.status).toBe('retrying');
    expect(first.nextAttemptAt?.getTime()).toBe(now.getTime() + 1000);
    expect(first.failingSince).toEqual(now);
    const last = decideAttemptOutcome({ attempt: 3, result: { ok: false }, now, nextAttemptAt: next, failingSince: now, disableAfterMs: day });
    expect(last).toMatchObject({ status: 'failed', nextAttemptAt: null, disableReason: null });
  });

  it('takes Retry-After as a lower bound', () => {
    const outcome = decideAttemptOutcome({
      attempt: 1,
      result: { ok: false, status: 429, retryAfter: '30' },
      now,
      nextAttemptAt: next,
      failingSince: null,
      disableAfterMs: day,
    });
    expect(outcome.nextAttemptAt?.getTime()).toBe(now.getTime() + 30_000);
  });

  it('fails the delivery and disables the endpoint at once on 410', () => {
    const outcome = decideAttemptOutcome({ attempt: 1, result: { ok: false, status: 410 }, now, nextAttemptAt: next, failingSince: null, disableAfterMs: day });
    expect(outcome.status).toBe('failed');
    expect(outcome.disableReason).toMatch(/410/);
  });

  it('disables an endpoint failing for longer than the limit, not before', () => {
    const base = { attempt: 1, result: { ok: false, status: 500 }, now, nextAttemptAt: next, disableAfterMs: day };
    expect(decideAttemptOutcome({ ...base, failingSince: new Date(now.getTime() - day + 1) }).disableReason).toBeNull();
    expect(decideAttemptOutcome({ ...base, failingSince: new Date(now.getTime() - day) }).disableReason).toMatch(/failed/);
  });
});
