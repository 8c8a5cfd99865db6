import { useState, type FormEvent } from 'react';
import type { CheckoutSession, ListResponse } from '../lib/api-types.js';
import { formatCrypto, formatFiat } from '../lib/format-money.js';
import { formatDateTime } from '../lib/dates.js';
import { shortenHex } from '../lib/hex.js';
import { buildSessionListQuery, withinAmountRange, type TransactionFilters } from '../lib/list-query.js';
import { navigate } from '../components/router.js';
import { StatusBadge } from '../components/status-badge.js';
import { ErrorNotice } from '../components/notice.js';
import { testIds } from '../test-ids.js';
import { useAction, useApi, useResource } from './api-context.js';
import { SessionDrawer } from './session-drawer.js';

const PAGE_SIZE = 25;
const STATUSES = ['pending', 'detected', 'paid', 'underpaid', 'overpaid', 'paid_late', 'expired', 'canceled'];

export function TransactionsPage({ sessionId }: { sessionId: string | null }) {
  const api = useApi();
  const [draft, setDraft] = useState<TransactionFilters>({});
  const [filters, setFilters] = useState<TransactionFilters>({});
  // Cursors of the pages before this one, to walk back.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const query = buildSessionListQuery(filters, { limit: PAGE_SIZE, startingAfter: cursor });
  const list = useResource((a) => a.get<ListResponse<CheckoutSession>>('/api/v1/checkout_sessions', query), query);
  const exporter = useAction();

  const rows = (list.data?.data ?? []).filter((s) => withinAmountRange(s.fiat?.amount, filters.minAmount, filters.maxAmount));
  const amountFiltered = !!(filters.minAmount || filters.maxAmount);

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
    setCursors([null]);
  }

  function open(id: string) {
    navigate(`/dashboard/transactions/${id}`);
  }

  function exportAs(format: 'csv' | 'json') {
    void exporter.run(() =>
      api.download(`/api/v1/checkout_sessions/export?format=${format}`, `checkout-sessions.${format}`),
    );
  }

  return (
    <section>
      <div className="page-head">
        <h1>Transactions</h1>
        <div className="actions">
          <button type="button" className="button secondary small" onClick={() => exportAs('csv')} disabled={exporter.busy} data-testid={testIds.transactions.exportCsv}>
            Export CSV
          </button>
          <button type="button" className="button secondary small" onClick={() => exportAs('json')} disabled={exporter.busy} data-testid={testIds.transactions.exportJson}>
            Export JSON
          </button>
        </div>
      </div>
      <ErrorNotice error={exporter.error} />
      <form className="filters card" onSubmit={apply} aria-label="Filter transactions">
        <label>
          Status
          <select value={draft.status ?? ''} onChange={(e) => setDraft({ ...draft, status: e.target.value || undefined })} data-testid={testIds.transactions.status}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={draft.from ?? ''} onChange={(e) => setDraft({ ...draft, from: e.target.value || undefined })} data-testid={testIds.transactions.from} />
        </label>
        <label>
          To
          <input type="date" value={draft.to ?? ''} onChange={(e) => setDraft({ ...draft, to: e.target.value || undefined })} data-testid={testIds.transactions.to} />
        </label>
        <label>
          Min amount
          <input inputMode="decimal" placeholder="0.00" value={draft.minAmount ?? ''} onChange={(e) => setDraft({ ...draft, minAmount: e.target.value || undefined })} data-testid={testIds.transactions.minAmount} />
        </label>
        <label>
          Max amount
          <input inputMode="decimal" placeholder="1000.00" value={draft.maxAmount ?? ''} onChange={(e) => setDraft({ ...draft, maxAmount: e.target.value || undefined })} data-testid={testIds.transactions.maxAmount} />
        </label>
        <button type="submit" className="button primary small" data-testid={testIds.transactions.apply}>
          Apply
        </button>
      </form>
      <ErrorNotice error={list.error} />
      <div className="table-wrap card">
        <table data-testid={testIds.transactions.table} aria-busy={list.loading}>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Status</th>
              <th scope="col">Date</th>
              <th scope="col">Customer</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id} className="clickable" onClick={() => open(s.id)} data-testid={testIds.transactions.row(s.id)}>
                <td>
                  {/* A real button keeps the row reachable by keyboard. */}
                  <button type="button" className="link mono" onClick={(e) => (e.stopPropagation(), open(s.id))}>
                    {s.id}
                  </button>
                </td>
                <td className="num">
                  {s.fiat ? formatFiat(s.fiat.amount, s.fiat.currency) : '—'}
                  {s.amount && s.asset && <div className="muted small">{formatCrypto(s.amount.decimal, s.asset.symbol)}</div>}
                </td>
                <td>
                  <StatusBadge status={s.status} />
                  {!s.livemode && <span className="muted small"> test</span>}
                </td>
                <td>{formatDateTime(s.createdAt)}</td>
                <td className="mono">{s.customerAddress ? <span title={s.customerAddress}>{shortenHex(s.customerAddress)}</span> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!list.loading && rows.length === 0 && (
          <p className="empty" data-testid={testIds.transactions.empty}>
            {amountFiltered ? 'No sessions on this page match the amount range.' : 'No checkout sessions yet.'}
          </p>
        )}
      </div>
      <div className="pager">
        <button type="button" className="button secondary small" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))} data-testid={testIds.transactions.previous}>
          Previous
        </button>
        <span className="muted small">Page {cursors.length}{amountFiltered ? ' · amount range applies to the sessions on this page' : ''}</span>
        <button
          type="button"
          className="button secondary small"
          disabled={!list.data?.hasMore || !list.data.nextCursor}
          onClick={() => list.data?.nextCursor && setCursors([...cursors, list.data.nextCursor])}
          data-testid={testIds.transactions.next}
        >
          Next
        </button>
      </div>
      {sessionId && <SessionDrawer id={sessionId} onClose={() => navigate('/dashboard/transactions')} onChanged={list.reload} />}
    </section>
  );
}
