import { useState, type ReactNode } from 'react';
import type { AnalyticsOverview, CheckoutSession, FiatTotal, ListResponse } from '../lib/api-types.js';
import { ratioToPercent } from '../lib/decimal.js';
import { formatFiat, formatFiatMinor } from '../lib/format-money.js';
import { formatDateTime, lastDaysRange } from '../lib/dates.js';
import { dayToUnixSeconds } from '../lib/list-query.js';
import { Link } from '../components/router.js';
import { StatusBadge } from '../components/status-badge.js';
import { ErrorNotice } from '../components/notice.js';
import { testIds } from '../test-ids.js';
import { useResource } from './api-context.js';
import { RevenueChart } from './revenue-chart.js';

export function OverviewPage() {
  const [range, setRange] = useState(() => lastDaysRange(30, Date.now()));
  const overview = useResource(
    (api) =>
      api.get<AnalyticsOverview>('/api/v1/analytics/overview', {
        from: dayToUnixSeconds(range.from) ?? undefined,
        to: dayToUnixSeconds(range.to, true) ?? undefined,
      }),
    `${range.from}:${range.to}`,
  );
  const recent = useResource(
    (api) => api.get<ListResponse<CheckoutSession>>('/api/v1/checkout_sessions', { limit: 5, status: 'paid' }),
    'recent',
  );
  const data = overview.data;
  const currency = data?.revenue[0]?.currency ?? 'USD';

  return (
    <section>
      <div className="page-head">
        <h1>Overview</h1>
        <fieldset className="inline-fields">
          <legend className="sr-only">Period</legend>
          <label>
            From
            <input type="date" value={range.from} max={range.to} onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })} data-testid={testIds.overview.from} />
          </label>
          <label>
            To
            <input type="date" value={range.to} min={range.from} onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })} data-testid={testIds.overview.to} />
          </label>
        </fieldset>
      </div>
      <ErrorNotice error={overview.error} />
      <div className="metrics" aria-busy={overview.loading}>
        <Metric label="Revenue" testId={testIds.overview.revenue}>
          {data ? (data.revenue.length ? data.revenue.map((r) => <div key={r.currency}>{formatFiatMinor(r.amountMinor, r.currency)}</div>) : formatFiatMinor('0', currency)) : '—'}
        </Metric>
        <Metric label="Payments" testId={testIds.overview.payments}>
          {data ? data.paymentsCount.toLocaleString() : '—'}
        </Metric>
        <Metric label="Sessions created" testId={testIds.overview.sessions}>
          {data ? data.sessionsCount.toLocaleString() : '—'}
        </Metric>
        <Metric label="Conversion" testId={testIds.overview.conversion}>
          {data ? ratioToPercent(data.conversionRate) : '—'}
        </Metric>
        <Metric label="Average payment" testId={testIds.overview.average}>
          {data ? formatFiatMinor(minorIn(data.averagePayment, currency), currency) : '—'}
        </Metric>
      </div>
      <div className="card">
        <h2>Revenue by day</h2>
        {data ? <RevenueChart daily={dailyIn(data, currency)} currency={currency} /> : <p className="muted">{overview.loading ? 'Loading…' : '—'}</p>}
      </div>
      <div className="card" data-testid={testIds.overview.recent}>
        <div className="card-head">
          <h2>Recent payments</h2>
          <Link href="/dashboard/transactions">All transactions</Link>
        </div>
        <ErrorNotice error={recent.error} />
        {recent.data?.data.length === 0 && <p className="muted">No payments yet.</p>}
        <ul className="plain-list">
          {recent.data?.data.map((s) => (
            <li key={s.id}>
              <Link href={`/dashboard/transactions/${s.id}`} className="mono">
                {s.id}
              </Link>
              <span>{s.fiat ? formatFiat(s.fiat.amount, s.fiat.currency) : s.amount ? `${s.amount.decimal} ${s.asset?.symbol ?? ''}` : '—'}</span>
              <StatusBadge status={s.status} />
              <span className="muted small">{formatDateTime(s.createdAt)}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

/** The total in `currency` from a per-currency list, in minor units ("0" when that currency has none). */
function minorIn(totals: FiatTotal[], currency: string): string {
  return totals.find((t) => t.currency.toUpperCase() === currency.toUpperCase())?.amountMinor ?? '0';
}

/** The chart draws one currency: the first one with revenue. */
function dailyIn(data: AnalyticsOverview, currency: string): { date: string; amountMinor: string; count: number }[] {
  return data.daily.map((day) => ({ date: day.date, amountMinor: minorIn(day.revenue, currency), count: day.count }));
}

function Metric({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="metric card">
      <div className="metric-label">{label}</div>
      <div className="metric-value" data-testid={testId}>
        {children}
      </div>
    </div>
  );
}
