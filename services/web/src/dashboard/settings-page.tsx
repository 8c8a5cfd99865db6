import { useState } from 'react';
import type { EventSummary } from '../lib/api-types.js';
import { keyMode, maskKey } from '../lib/api-key.js';
import { formatDateTime } from '../lib/dates.js';
import { listOf } from '../lib/list-of.js';
import { Link } from '../components/router.js';
import { ErrorNotice } from '../components/notice.js';
import { testIds } from '../test-ids.js';
import { useResource } from './api-context.js';

export function SettingsPage({ apiKey, onLogOut }: { apiKey: string; onLogOut: () => void }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const events = useResource(
    (a) => a.get<{ data: EventSummary[]; hasMore?: boolean }>('/api/v1/events', { limit: 20, starting_after: cursor ?? undefined }),
    cursor ?? '',
  );
  const [open, setOpen] = useState<string | null>(null);
  const rows = listOf(events.data);
  const last = rows[rows.length - 1];
  const mode = keyMode(apiKey);

  return (
    <section>
      <div className="page-head">
        <h1>Settings</h1>
      </div>
      <div className="grid-2">
        <div className="card">
          <h2>This session</h2>
          <dl className="details">
            <dt>Signed in with</dt>
            <dd className="mono" data-testid={testIds.settings.maskedKey}>
              {maskKey(apiKey)}
            </dd>
            <dt>Mode</dt>
            <dd>{mode === 'live' ? 'Live: real payments' : mode === 'test' ? 'Test: test data only' : 'Unknown'}</dd>
          </dl>
          <button type="button" className="button secondary small" onClick={onLogOut}>
            Log out
          </button>
        </div>
        <div className="card">
          <h2>Webhooks</h2>
          <p className="muted">
            Endpoints, signing secrets, test events and the delivery log live on the <Link href="/dashboard/webhooks">Webhooks</Link> page. Receiving addresses come from your{' '}
            <Link href="/dashboard/wallets">wallet</Link>.
          </p>
          <p className="muted small">
            Verify a webhook: HMAC-SHA256(secret, t + "." + body), compared in constant time with the v1 value of the OpenCheckout-Signature header.
          </p>
        </div>
      </div>
      <div className="card" data-testid={testIds.settings.events}>
        <h2>Event log</h2>
        <ErrorNotice error={events.error} />
        {!events.loading && rows.length === 0 && <p className="muted">No events yet.</p>}
        <ul className="plain-list" aria-busy={events.loading}>
          {rows.map((e) => (
            <li key={e.id} className="event-row">
              <button type="button" className="link mono" aria-expanded={open === e.id} onClick={() => setOpen(open === e.id ? null : e.id)}>
                {e.type}
              </button>
              <span className="mono muted small">{e.id}</span>
              <span className="muted small">{formatDateTime(e.created)}</span>
              {open === e.id && <pre className="excerpt full">{JSON.stringify(e.data, null, 2)}</pre>}
            </li>
          ))}
        </ul>
        <div className="pager">
          <button type="button" className="button secondary small" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            Newer
          </button>
          <button type="button" className="button secondary small" disabled={!events.data?.hasMore || !last} onClick={() => last && setCursors([...cursors, last.id])}>
            Older
          </button>
        </div>
      </div>
    </section>
  );
}
