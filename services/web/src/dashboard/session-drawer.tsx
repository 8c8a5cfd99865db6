import { useEffect, useRef } from 'react';
import type { CheckoutSession } from '../lib/api-types.js';
import { chainName } from '../lib/chains.js';
import { formatCrypto, formatFiat } from '../lib/format-money.js';
import { formatDateTime } from '../lib/dates.js';
import { shortenHex } from '../lib/hex.js';
import { confirmationProgress } from '../lib/session-status.js';
import { CopyButton } from '../components/copy-button.js';
import { StatusBadge } from '../components/status-badge.js';
import { ErrorNotice } from '../components/notice.js';
import { testIds } from '../test-ids.js';
import { useAction, useApi, useResource } from './api-context.js';

export function SessionDrawer({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const api = useApi();
  const session = useResource((a) => a.get<CheckoutSession>(`/api/v1/checkout_sessions/${encodeURIComponent(id)}`), id);
  const expire = useAction();
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  async function expireNow() {
    if (!window.confirm('Expire this session? The buyer will no longer be able to pay it.')) return;
    const done = await expire.run(() => api.post(`/api/v1/checkout_sessions/${encodeURIComponent(id)}/expire`));
    if (done !== undefined) {
      session.reload();
      onChanged();
    }
  }

  const s = session.data;
  const progress = s ? confirmationProgress(s) : null;
  return (
    <div className="drawer-backdrop" onClick={onClose}>
      <aside
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-labelledby="drawer-title"
        onClick={(e) => e.stopPropagation()}
        data-testid={testIds.drawer.root}
      >
        <div className="drawer-head">
          <h2 id="drawer-title" className="mono">
            {id}
          </h2>
          <button ref={closeRef} type="button" className="button secondary small" onClick={onClose} aria-label="Close details" data-testid={testIds.drawer.close}>
            Close
          </button>
        </div>
        <ErrorNotice error={session.error ?? expire.error} />
        {!s && !session.error && <p className="muted">Loading…</p>}
        {s && (
          <>
            <dl className="details">
              <dt>Status</dt>
              <dd>
                <StatusBadge status={s.status} testId={testIds.drawer.status} />
              </dd>
              <dt>Amount</dt>
              <dd>
                {s.fiat ? formatFiat(s.fiat.amount, s.fiat.currency) : '—'}
                {s.amount && s.asset && <span className="muted"> · {formatCrypto(s.amount.decimal, s.asset.symbol)}</span>}
              </dd>
              <dt>Received</dt>
              <dd>{s.amountReceived && s.asset ? formatCrypto(s.amountReceived.decimal, s.asset.symbol) : '—'}</dd>
              <dt>Network</dt>
              <dd>
                {chainName(s.chainId)} {s.asset?.tokenAddress && <span className="muted mono small">({shortenHex(s.asset.tokenAddress)})</span>}
              </dd>
              <dt>Address</dt>
              <dd className="mono wrap">
                {s.address ?? '—'} {s.address && <CopyButton value={s.address} />}
              </dd>
              <dt>Confirmations</dt>
              <dd data-testid={testIds.drawer.confirmations}>
                {progress && s.payments.length ? `${progress.current} of ${progress.required}` : `${s.confirmationsRequired} required`}
              </dd>
              <dt>Customer</dt>
              <dd className="mono wrap">{s.customerAddress ?? '—'}</dd>
              <dt>Mode</dt>
              <dd>
                {s.mode} · {s.livemode ? 'live' : 'test'}
              </dd>
              <dt>Created</dt>
              <dd>{formatDateTime(s.createdAt)}</dd>
              <dt>Expires</dt>
              <dd>{formatDateTime(s.expiresAt)}</dd>
              <dt>Checkout page</dt>
              <dd className="wrap">
                <a href={s.checkoutUrl} target="_blank" rel="noreferrer">
                  {s.checkoutUrl}
                </a>
              </dd>
            </dl>
            <h3>Payments</h3>
            {s.payments.length === 0 ? (
              <p className="muted">No payment seen on chain yet.</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Transaction</th>
                      <th scope="col">From</th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                      <th scope="col" className="num">
                        Block
                      </th>
                      <th scope="col" className="num">
                        Confirmations
                      </th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.payments.map((p) => (
                      <tr key={`${p.txHash}:${p.logIndex ?? ''}`} data-testid={testIds.drawer.payment(p.txHash)}>
                        <td className="mono" title={p.txHash}>
                          {shortenHex(p.txHash, 6)} <CopyButton value={p.txHash} />
                        </td>
                        <td className="mono" title={p.from}>
                          {shortenHex(p.from)}
                        </td>
                        <td className="num">{s.asset ? formatCrypto(p.amount.decimal, s.asset.symbol) : p.amount.decimal}</td>
                        <td className="num">{p.blockNumber !== null ? Number(p.blockNumber).toLocaleString() : '—'}</td>
                        <td className="num">{p.confirmations}</td>
                        <td>
                          <span className={`badge tone-${p.status === 'confirmed' ? 'success' : p.status === 'reverted' ? 'danger' : 'info'}`}>{p.status}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {s.metadata && Object.keys(s.metadata).length > 0 && (
              <>
                <h3>Metadata</h3>
                <dl className="details">
                  {Object.entries(s.metadata).map(([k, v]) => (
                    <div key={k} className="contents">
                      <dt className="mono">{k}</dt>
                      <dd className="mono wrap">{v}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
            {s.status === 'pending' && (
              <div className="drawer-actions">
                <button type="button" className="button danger" onClick={expireNow} disabled={expire.busy} data-testid={testIds.drawer.expire}>
                  Expire session
                </button>
              </div>
            )}
          </>
        )}
      </aside>
    </div>
  );
}
