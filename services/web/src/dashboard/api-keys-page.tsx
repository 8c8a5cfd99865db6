import { useState, type FormEvent } from 'react';
import type { ApiKey, ListResponse } from '../lib/api-types.js';
import { formatDateTime } from '../lib/dates.js';
import { listOf } from '../lib/list-of.js';
import { Badge } from '../components/status-badge.js';
import { ErrorNotice, SecretNotice } from '../components/notice.js';
import { testIds } from '../test-ids.js';
import { useAction, useApi, useResource } from './api-context.js';

export function ApiKeysPage() {
  const api = useApi();
  const keys = useResource((a) => a.get<ListResponse<ApiKey> | ApiKey[]>('/api/v1/api_keys'), 'keys');
  const [name, setName] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [created, setCreated] = useState<ApiKey | null>(null);
  const action = useAction();

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    const body: Record<string, unknown> = { name: name.trim() };
    if (expiresAt) body.expiresAt = new Date(`${expiresAt}T23:59:59Z`).toISOString();
    const key = await action.run(() => api.post<ApiKey>('/api/v1/api_keys', body));
    if (key) {
      setCreated(key);
      setName('');
      setExpiresAt('');
      keys.reload();
    }
  }

  async function revoke(key: ApiKey) {
    if (!window.confirm(`Revoke "${key.name}"? Requests using it will fail at once. This cannot be undone.`)) return;
    const done = await action.run(() => api.post(`/api/v1/api_keys/${encodeURIComponent(key.id)}/revoke`));
    if (done !== undefined) keys.reload();
  }

  const rows = listOf(keys.data);
  return (
    <section>
      <div className="page-head">
        <h1>API Keys</h1>
      </div>
      {created?.secret && (
        <SecretNotice
          title={`Key "${created.name}" created`}
          secret={created.secret}
          onDismiss={() => setCreated(null)}
          testId={testIds.apiKeys.secret}
          dismissTestId={testIds.apiKeys.dismiss}
        />
      )}
      <form className="card inline-form" onSubmit={create}>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Production" required maxLength={100} data-testid={testIds.apiKeys.name} />
        </label>
        <label>
          Expires (optional)
          <input type="date" value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} />
        </label>
        <button type="submit" className="button primary" disabled={action.busy || !name.trim()} data-testid={testIds.apiKeys.create}>
          Create Key
        </button>
      </form>
      <ErrorNotice error={action.error ?? keys.error} />
      <div className="table-wrap card">
        <table aria-busy={keys.loading}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Mode</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((k) => (
              <tr key={k.id} data-testid={testIds.apiKeys.row(k.id)}>
                <td>{k.name}</td>
                <td className="mono">
                  {k.prefix}…{k.last4}
                </td>
                <td>{k.livemode ? 'live' : 'test'}</td>
                <td>{formatDateTime(k.createdAt)}</td>
                <td>{formatDateTime(k.expiresAt)}</td>
                <td data-testid={testIds.apiKeys.status(k.id)} data-value={k.status}>
                  <Badge tone={k.status === 'active' ? 'success' : 'danger'} label={k.status === 'active' ? 'Active' : k.status === 'revoked' ? 'Revoked' : 'Expired'} />
                </td>
                <td className="num">
                  {k.status === 'active' && (
                    <button type="button" className="button danger small" onClick={() => revoke(k)} disabled={action.busy} data-testid={testIds.apiKeys.revoke(k.id)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!keys.loading && rows.length === 0 && <p className="empty">No keys yet.</p>}
      </div>
    </section>
  );
}
