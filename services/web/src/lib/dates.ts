/** Dates shown in the viewer's locale; unix seconds or ISO strings accepted. */
export function formatDateTime(value: string | number | null | undefined, locale?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Today's and 30 days ago's yyyy-mm-dd (UTC), for the default overview range. */
export function lastDaysRange(days: number, nowMs: number): { from: string; to: string } {
  const to = new Date(nowMs);
  const from = new Date(nowMs - (days - 1) * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}
