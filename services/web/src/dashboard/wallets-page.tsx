import { useState, type FormEvent } from 'react';
import type { ListResponse, Wallet } from '../lib/api-types.js';
import { formatDateTime } from '../lib/dates.js';
import { listOf } from '../lib/list-of.js';
import { ErrorNotice } from '../components/notice.js';
import { testIds } from '../test-ids.js';
import { useAction, useApi, useResource } from './api-context.js';

export function WalletsPage() {
  const api = useApi();
  const wallets = useResource((a) => a.get<ListResponse<Wallet>>('/api/v1/wallets'), 'wallets');
  const [kind, setKind] = useState<'xpub' | 'mnemonic'>('xpub');
  const [xpub, setXpub] = useState('');
  const [mnemonic, setMnemonic] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const action = useAction();

  async function add(event: FormEvent) {
    event.preventDefault();
    const body = kind === 'xpub' ? { chainFamily: 'evm', xpub: xpub.trim() } : { chainFamily: 'evm', mnemonic: mnemonic.trim().replace(/\s+/g, ' ') };
    // The phrase leaves the form as soon as it is sent, whatever the answer.
    setMnemonic('');
    const wallet = await action.run(() => api.post<Wallet>('/api/v1/wallets', body));
    if (wallet) {
      setXpub('');
      setAdded(wallet.id);
      wallets.reload();
    }
  }

  const rows = listOf(wallets.data);
  return (
    <section>
      <div className="page-head">
        <h1>Wallets</h1>
      </div>
      <p className="muted">
        Each checkout session gets a fresh address derived from your extended public key. The platform only needs the public key to watch payments.
      </p>
      {added && (
        <div className="notice success" role="status">
          Wallet added. New sessions will pay to addresses derived from it.
        </div>
      )}
      <ErrorNotice error={action.error ?? wallets.error} />
      <form className="card stack" onSubmit={add}>
        <h2>Add a wallet</h2>
        <fieldset className="segmented" data-testid={testIds.wallets.kind}>
          <legend className="sr-only">Key type</legend>
          <label className={kind === 'xpub' ? 'active' : ''}>
            <input type="radio" name="wallet-kind" value="xpub" checked={kind === 'xpub'} onChange={() => setKind('xpub')} />
            Extended public key (recommended)
          </label>
          <label className={kind === 'mnemonic' ? 'active' : ''}>
            <input type="radio" name="wallet-kind" value="mnemonic" checked={kind === 'mnemonic'} onChange={() => setKind('mnemonic')} />
            Recovery phrase
          </label>
        </fieldset>
        {kind === 'xpub' ? (
          <label>
            xpub
            <input className="mono" value={xpub} onChange={(e) => setXpub(e.target.value)} placeholder="xpub6…" autoComplete="off" spellCheck={false} required data-testid={testIds.wallets.xpub} />
          </label>
        ) : (
          <label>
            BIP39 recovery phrase
            <textarea
              className="mono"
              rows={3}
              value={mnemonic}
              onChange={(e) => setMnemonic(e.target.value)}
              autoComplete="off"
              autoCorrect="off"
              autoCapitalize="off"
              spellCheck={false}
              required
              data-testid={testIds.wallets.mnemonic}
            />
            <span className="muted small">Stored encrypted and never shown again. Prefer an xpub: then no key that can spend funds leaves your hands.</span>
          </label>
        )}
        <div>
          <button type="submit" className="button primary" disabled={action.busy || (kind === 'xpub' ? !xpub.trim() : !mnemonic.trim())} data-testid={testIds.wallets.add}>
            Add wallet
          </button>
        </div>
      </form>
      <div className="table-wrap card">
        <table aria-busy={wallets.loading}>
          <thead>
            <tr>
              <th scope="col">Extended public key</th>
              <th scope="col">Mode</th>
              <th scope="col">Added</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((w) => (
              <tr key={w.id} data-testid={testIds.wallets.row(w.id)}>
                <td className="mono wrap small">{w.xpub}</td>
                <td>{w.livemode ? 'live' : 'test'}</td>
                <td>{formatDateTime(w.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!wallets.loading && rows.length === 0 && <p className="empty">No wallet yet: add one before creating checkout sessions.</p>}
      </div>
    </section>
  );
}
