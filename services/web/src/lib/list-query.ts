import { compareDecimal, isDecimalString } from './decimal.js';

export interface TransactionFilters {
  status?: string;
  /** yyyy-mm-dd from a date input, read as a UTC day. */
  from?: string;
  to?: string;
  minAmount?: string;
  maxAmount?: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A yyyy-mm-dd day to unix seconds: its first second, or its last one with `endOfDay`. */
export function dayToUnixSeconds(day: string, endOfDay = false): number | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const start = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(start)) return null;
  return start / 1000 + (endOfDay ? 86_399 : 0);
}

/** Query string for GET /api/v1/checkout_sessions (Stripe-style `created[gte]`, unix seconds). */
export function buildSessionListQuery(
  filters: TransactionFilters,
  page: { limit: number; startingAfter?: string | null },
): string {
  const params = new URLSearchParams();
  params.set('limit', String(page.limit));
  if (page.startingAfter) params.set('starting_after', page.startingAfter);
  if (filters.status) params.set('status', filters.status);
  const gte = filters.from ? dayToUnixSeconds(filters.from) : null;
  const lte = filters.to ? dayToUnixSeconds(filters.to, true) : null;
  if (gte !== null) params.set('created[gte]', String(gte));
  if (lte !== null) params.set('created[lte]', String(lte));
  return params.toString();
}

/** Amount range test on the fiat total; bounds that are empty or not numbers are ignored. */
export function withinAmountRange(fiatAmount: string | null | undefined, min?: string, max?: string): boolean {
  const hasMin = !!min && isDecimalString(min);
  const hasMax = !!max && isDecimalString(max);
  if (!hasMin && !hasMax) return true;
  if (!fiatAmount || !isDecimalString(fiatAmount)) return false;
  if (hasMin && compareDecimal(fiatAmount, min) < 0) return false;
  if (hasMax && compareDecimal(fiatAmount, max) > 0) return false;
  return true;
}
