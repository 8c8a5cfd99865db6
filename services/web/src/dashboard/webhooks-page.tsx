import { Fragment, useState, type FormEvent } from 'react';
import { WEBHOOK_EVENT_TYPES, type ListResponse, type WebhookDelivery, type WebhookEndpoint } from '../lib/api-types.js';
import { formatDateTime } from '../lib/dates.js';
import { listOf } from '../lib/list-of.js';
import { Badge } from '../components/status-badge.js';
import { ErrorNotice, SecretNotice } from '../components/notice.js';
import { testIds } from '../test-ids.js';
import { useAction, useApi, useResource } from './api-context.js';

const TEST_EVENT_TYPES = ['session.paid', ...WEBHOOK_EVENT_TYPES.filter((t) => t !== 'session.paid')];

export function WebhooksPage() {
  const api = useApi();
  const endpoints = useResource((a) => a.get<ListResponse<WebhookEndpoint>>('/api/v1/webhook_endpoints'), 'endpoints');
  const [deliveryFilter, setDeliveryFilter] = useState({ endpointId: '', status: '', eventType: '' });
  const deliveries = useResource(
    (a) => a.get<ListResponse<WebhookDelivery>>('/api/v1/webhook_deliveries', deliveryFilter),
    JSON.stringify(deliveryFilter),
  );
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>(['session.paid']);
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  const [testTypes, setTestTypes] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  const action = useAction();

  async function create(event: FormEvent) {
    event.preventDefault();
    const created = await action.run(() =>
      api.post<WebhookEndpoint>('/api/v1/webhook_endpoints', { url: url.trim(), description: description.trim() || undefined, enabledEvents: events }),
    );
    if (created) {
      if (created.secret) setSecret({ title: `Endpoint ${created.url} added. Signing secret:`, value: created.secret });
      setUrl('');
      setDescription('');
      endpoints.reload();
    }
  }

  async function rotate(endpoint: WebhookEndpoint) {
    if (!window.confirm('Rotate the signing secret? The old secret stops working for new deliveries.')) return;
    const rotated = await action.run(() => api.post<{ secret?: string }>(`/api/v1/webhook_endpoints/${encodeURIComponent(endpoint.id)}/rotate_secret`));
    if (rotated?.secret) setSecret({ title: `New signing secret for ${endpoint.url}:`, value: rotated.secret });
  }

  async function remove(endpoint: WebhookEndpoint) {
    if (!window.confirm(`Delete the endpoint ${endpoint.url}? It will receive no more events.`)) return;
    const done = await action.run(() => api.delete(`/api/v1/webhook_endpoints/${encodeURIComponent(endpoint.id)}`));
    if (done !== undefined) endpoints.reload();
  }

  async function toggleEvent(endpoint: WebhookEndpoint, type: string) {
    const next = endpoint.enabledEvents.includes(type) ? endpoint.enabledEvents.filter((t) => t !== type) : [...endpoint.enabledEvents, type];
    if (next.length === 0) return;
    const done = await action.run(() => api.patch(`/api/v1/webhook_endpoints/${encodeURIComponent(endpoint.id)}`, { enabledEvents: next }));
    if (done !== undefined) endpoints.reload();
  }

  async function sendTest(endpoint: WebhookEndpoint) {
    const type = testTypes[endpoint.id] ?? TEST_EVENT_TYPES[0];
    const done = await action.run(() => api.post(`/api/v1/webhook_endpoints/${encodeURIComponent(endpoint.id)}/test`, { type }));
    if (done !== undefined) {
      setMessage(`Test ${type} event queued for ${endpoint.url}.`);
      deliveries.reload();
    }
  }

  async function retry(delivery: WebhookDelivery) {
    const done = await action.run(() => api.post(`/api/v1/webhook_deliveries/${encodeURIComponent(delivery.id)}/retry`));
    if (done !== undefined) {
      setMessage('Retry queued.');
      deliveries.reload();
    }
  }

  const endpointRows = listOf(endpoints.data);
  const deliveryRows = listOf(deliveries.data);
  const urlOf = (id: string) => endpointRows.find((e) => e.id === id)?.url ?? id;

  return (
    <section>
      <div className="page-head">
        <h1>Webhooks</h1>
      </div>
      {secret && (
        <SecretNotice title={secret.title} secret={secret.value} onDismiss={() => setSecret(null)} testId={testIds.webhooks.secret} dismissTestId={testIds.webhooks.dismiss}>
          <p className="small">
            Verify each request: HMAC-SHA256(secret, t + "." + body) against the v1 value of the OpenCheckout-Signature header.
          </p>
        </SecretNotice>
      )}
      {message && (
        <div className="notice info" role="status">
          {message}{' '}
          <button type="button" className="link" onClick={() => setMessage(null)}>
            Dismiss
          </button>
        </div>
      )}
      <ErrorNotice error={action.error ?? endpoints.error} />

      <form className="card stack" onSubmit={create}>
        <h2>Add an endpoint</h2>
        <div className="inline-form">
          <label className="grow">
            Endpoint URL
            <input type="url" required placeholder="https://example.com/webhooks/opencheckout" value={url} onChange={(e) => setUrl(e.target.value)} data-testid={testIds.webhooks.url} />
          </label>
          <label className="grow">
            Description (optional)
            <input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={200} data-testid={testIds.webhooks.description} />
          </label>
        </div>
        <fieldset className="checkboxes">
          <legend>Events to send</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="checkbox">
              <input
                type="checkbox"
                checked={events.includes(type)}
                onChange={(e) => setEvents(e.target.checked ? [...events, type] : events.filter((t) => t !== type))}
                data-testid={testIds.webhooks.event(type)}
              />
              <span className="mono">{type}</span>
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" className="button primary" disabled={action.busy || !url.trim() || events.length === 0} data-testid={testIds.webhooks.create}>
            Add endpoint
          </button>
        </div>
      </form>

      <h2>Endpoints</h2>
      {!endpoints.loading && endpointRows.length === 0 && <p className="muted">No endpoints yet. Add one to receive signed events.</p>}
      {endpointRows.map((endpoint) => (
        <div key={endpoint.id} className="card endpoint" data-testid={testIds.webhooks.endpoint(endpoint.id)}>
          <div className="card-head">
            <div>
              <div className="mono wrap">{endpoint.url}</div>
              {endpoint.description && <div className="muted small">{endpoint.description}</div>}
            </div>
            {endpoint.status && <Badge tone={endpoint.status === 'disabled' ? 'danger' : 'success'} label={endpoint.status} />}
          </div>
          <details>
            <summary>
              {endpoint.enabledEvents.length} event type{endpoint.enabledEvents.length === 1 ? '' : 's'}
            </summary>
            <div className="checkboxes">
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <label key={type} className="checkbox">
                  <input type="checkbox" checked={endpoint.enabledEvents.includes(type)} onChange={() => toggleEvent(endpoint, type)} disabled={action.busy} />
                  <span className="mono">{type}</span>
                </label>
              ))}
            </div>
          </details>
          <div className="actions">
            <label>
              <span className="sr-only">Test event type</span>
              <select
                value={testTypes[endpoint.id] ?? TEST_EVENT_TYPES[0]}
                onChange={(e) => setTestTypes({ ...testTypes, [endpoint.id]: e.target.value })}
                data-testid={testIds.webhooks.testType(endpoint.id)}
              >
                {TEST_EVENT_TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </label>
            <button type="button" className="button secondary small" onClick={() => sendTest(endpoint)} disabled={action.busy} data-testid={testIds.webhooks.test(endpoint.id)}>
              Send test event
            </button>
            <button type="button" className="button secondary small" onClick={() => rotate(endpoint)} disabled={action.busy} data-testid={testIds.webhooks.rotate(endpoint.id)}>
              Rotate secret
            </button>
            <button type="button" className="button danger small" onClick={() => remove(endpoint)} disabled={action.busy} data-testid={testIds.webhooks.remove(endpoint.id)}>
              Delete
            </button>
          </div>
        </div>
      ))}

      <div className="page-head">
        <h2>Delivery log</h2>
        <button type="button" className="button secondary small" onClick={deliveries.reload}>
          Refresh
        </button>
      </div>
      <div className="filters card">
        <label>
          Endpoint
          <select value={deliveryFilter.endpointId} onChange={(e) => setDeliveryFilter({ ...deliveryFilter, endpointId: e.target.value })} data-testid={testIds.webhooks.deliveryEndpoint}>
            <option value="">Any</option>
            {endpointRows.map((e) => (
              <option key={e.id} value={e.id}>
                {e.url}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={deliveryFilter.status} onChange={(e) => setDeliveryFilter({ ...deliveryFilter, status: e.target.value })} data-testid={testIds.webhooks.deliveryStatus}>
            <option value="">Any</option>
            <option value="succeeded">succeeded</option>
            <option value="failed">failed</option>
            <option value="retrying">retrying</option>
            <option value="pending">pending</option>
          </select>
        </label>
        <label>
          Event type
          <select value={deliveryFilter.eventType} onChange={(e) => setDeliveryFilter({ ...deliveryFilter, eventType: e.target.value })} data-testid={testIds.webhooks.deliveryType}>
            <option value="">Any</option>
            {WEBHOOK_EVENT_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNotice error={deliveries.error} />
      <div className="table-wrap card">
        <table data-testid={testIds.webhooks.deliveries} aria-busy={endpoints.loading || deliveries.loading}>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Endpoint</th>
              <th scope="col">Status</th>
              <th scope="col">Last attempt</th>
              <th scope="col">Next attempt</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveryRows.map((d) => {
              const last = d.attempts[d.attempts.length - 1];
              const open = expanded === d.id;
              return (
                <Fragment key={d.id}>
                  <tr data-testid={testIds.webhooks.delivery(d.id)} data-status={d.status}>
                    <td>
                      <div className="mono">{d.eventType}</div>
                      <div className="muted small mono">{d.eventId}</div>
                    </td>
                    <td className="mono small wrap">{urlOf(d.endpointId)}</td>
                    <td>
                      <Badge tone={d.status === 'succeeded' ? 'success' : d.status === 'failed' ? 'danger' : d.status === 'retrying' ? 'warning' : 'neutral'} label={d.status} />
                    </td>
                    <td>
                      {last ? (
                        <>
                          <span className="mono">{last.httpStatus ?? 'no response'}</span>
                          {last.latencyMs !== null && <span className="muted small"> · {last.latencyMs} ms</span>}
                          <div className="muted small">{formatDateTime(last.at)}</div>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{formatDateTime(d.nextAttemptAt)}</td>
                    <td className="num nowrap">
                      <button type="button" className="button secondary small" aria-expanded={open} onClick={() => setExpanded(open ? null : d.id)}>
                        {d.attempts.length} attempt{d.attempts.length === 1 ? '' : 's'}
                      </button>{' '}
                      {d.status !== 'succeeded' && (
                        <button type="button" className="button small" onClick={() => retry(d)} disabled={action.busy} data-testid={testIds.webhooks.retry(d.id)}>
                          Retry
                        </button>
                      )}
                    </td>
                  </tr>
                  {open && (
                    <tr className="subrow">
                      <td colSpan={6}>
                        <ol className="attempts">
                          {d.attempts.map((a, i) => (
                            <li key={`${a.at}-${i}`}>
                              <span className="muted small">{formatDateTime(a.at)}</span> <span className="mono">{a.httpStatus ?? '—'}</span>
                              {a.latencyMs !== null && <span className="muted small"> {a.latencyMs} ms</span>}
                              {a.error && <div className="field-error">{a.error}</div>}
                              {a.responseExcerpt && <pre className="excerpt">{a.responseExcerpt}</pre>}
                            </li>
                          ))}
                        </ol>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
        {!deliveries.loading && deliveryRows.length === 0 && <p className="empty">No deliveries match.</p>}
      </div>
    </section>
  );
}
