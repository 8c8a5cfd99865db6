import { formatFiatMinor } from '../lib/format-money.js';
import { barHeights } from '../lib/chart-scale.js';
import { testIds } from '../test-ids.js';

export function RevenueChart({ daily, currency }: { daily: { date: string; amountMinor: string; count: number }[]; currency: string }) {
  const width = 720;
  const height = 200;
  const padding = { top: 12, right: 8, bottom: 24, left: 8 };
  const innerWidth = width - padding.left - padding.right;
  const innerHeight = height - padding.top - padding.bottom;
  const heights = barHeights(daily.map((d) => d.amountMinor), innerHeight);
  const slot = daily.length ? innerWidth / daily.length : innerWidth;
  const barWidth = Math.max(2, slot * 0.7);
  const max = daily.reduce((m, d) => (BigInt(d.amountMinor) > m ? BigInt(d.amountMinor) : m), 0n);

  if (daily.length === 0) {
    return (
      <p className="muted" data-testid={testIds.overview.chart}>
        No payments in this period.
      </p>
    );
  }
  return (
    <figure className="chart" data-testid={testIds.overview.chart}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="revenue-chart-title">
        <title id="revenue-chart-title">
          Daily revenue from {daily[0]?.date} to {daily[daily.length - 1]?.date}; highest day {formatFiatMinor(max, currency)}
        </title>
        <line x1={padding.left} x2={width - padding.right} y1={padding.top + innerHeight} y2={padding.top + innerHeight} className="axis" />
        {daily.map((day, i) => {
          const h = heights[i] ?? 0;
          const x = padding.left + i * slot + (slot - barWidth) / 2;
          return (
            <rect key={day.date} x={x} y={padding.top + innerHeight - h} width={barWidth} height={h} rx={2} className="bar">
              <title>
                {day.date}: {formatFiatMinor(day.amountMinor, currency)} ({day.count} payments)
              </title>
            </rect>
          );
        })}
        <text x={padding.left} y={height - 6} className="tick">
          {daily[0]?.date}
        </text>
        <text x={width - padding.right} y={height - 6} className="tick" textAnchor="end">
          {daily[daily.length - 1]?.date}
        </text>
      </svg>
      <figcaption className="muted small">Highest day: {formatFiatMinor(max, currency)}</figcaption>
    </figure>
  );
}
