import { RecurringInterval, type CheckoutSessionView } from '@opencheckout/contracts';

/** Adds whole calendar intervals in UTC (a month from Jan 31 is the last day of February). */
export function addInterval(from: Date, interval: RecurringInterval, count: number): Date {
  const next = new Date(from.getTime());
  switch (interval) {
    case RecurringInterval.DAY:
      next.setUTCDate(next.getUTCDate() + count);
      return next;
    case RecurringInterval.WEEK:
      next.setUTCDate(next.getUTCDate() + 7 * count);
      return next;
    case RecurringInterval.MONTH:
    case RecurringInterval.YEAR: {
      const months = interval === RecurringInterval.MONTH ? count : 12 * count;
      const day = next.getUTCDate();
      next.setUTCDate(1);
      next.setUTCMonth(next.getUTCMonth() + months);
      const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
      next.setUTCDate(Math.min(day, lastDay));
      return next;
    }
    default:
      throw new Error('A subscription needs a recurring interval.');
  }
}

/** The billing interval of a subscription session: its first recurring line item's. */
export function recurringOf(view: CheckoutSessionView): { interval: RecurringInterval; count: number } | null {
  const recurring = view.lineItems.find((item) => item.recurring !== undefined && item.recurring.interval !== RecurringInterval.UNSPECIFIED)?.recurring;
  return recurring === undefined ? null : { interval: recurring.interval, count: Math.max(1, recurring.intervalCount) };
}

/**
 * The end of the period a subscription session pays: period n runs from the
 * first session's creation plus n-1 intervals, so dates never drift with payment delays.
 */
export function periodEnd(view: CheckoutSessionView): string | null {
  const recurring = recurringOf(view);
  if (recurring === null || view.subscriptionPeriod < 1) return null;
  const anchor = new Date(view.subscriptionAnchor || view.createdAt);
  return addInterval(anchor, recurring.interval, recurring.count * view.subscriptionPeriod).toISOString();
}
