export type DeliveryStatus = 'pending' | 'succeeded' | 'retrying' | 'failed';

export interface AttemptResult {
  ok: boolean;
  /** HTTP status; absent when no answer arrived. */
  status?: number;
  retryAfter?: string;
}

export interface DecideAttemptOutcomeParameters {
  /** 1-based number of the attempt just made. */
  attempt: number;
  result: AttemptResult;
  now: Date;
  /** When to try again after `attempt` failed (null: give up); the configured RetrySchedule. */
  nextAttemptAt: (attempt: number, now: Date, retryAfter?: string) => Date | null;
  /** Start of the endpoint's current run of failures (null: its last attempt succeeded). */
  failingSince: Date | null;
  disableAfterMs: number;
}

export interface AttemptOutcome {
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
  /** The endpoint's run of failures after this attempt (null after a success). */
  failingSince: Date | null;
  /** Set when this attempt disables the endpoint: why. */
  disableReason: string | null;
}

/**
 * What one attempt means for its delivery and its endpoint: 2xx succeeds; 410
 * Gone fails the delivery and disables the endpoint at once; anything else
 * retries on the schedule (Retry-After as a lower bound) until it is spent, and
 * an endpoint that has failed without a success for `disableAfterMs` is disabled.
 */
export function decideAttemptOutcome(parameters: DecideAttemptOutcomeParameters): AttemptOutcome {
  const { attempt, result, now, failingSince, disableAfterMs } = parameters;
  if (result.ok) return { status: 'succeeded', nextAttemptAt: null, failingSince: null, disableReason: null };
  const since = failingSince ?? now;
  if (result.status === 410) {
    return { status: 'failed', nextAttemptAt: null, failingSince: since, disableReason: 'The endpoint answered 410 Gone.' };
  }
  const next = parameters.nextAttemptAt(attempt, now, result.retryAfter);
  const failingFor = now.getTime() - since.getTime();
  const disableReason =
    failingFor >= disableAfterMs
      ? `Every delivery failed for ${Math.floor(failingFor / 1000)} s (limit ${Math.floor(disableAfterMs / 1000)} s).`
      : null;
  return { status: next === null ? 'failed' : 'retrying', nextAttemptAt: next, failingSince: since, disableReason };
}
