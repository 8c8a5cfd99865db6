/**
 * A `Retry-After` value in milliseconds from `now`: delta-seconds (`"120"`, or a
 * number) or an HTTP date. Undefined when absent or unparseable; never negative.
 */
export function parseRetryAfter(value: string | number | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only a real HTTP date (it names a weekday and GMT), not any string Date.parse guesses at.
  if (!/GMT$/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
