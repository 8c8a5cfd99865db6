import { useState, type FormEvent } from 'react';
import { createApiClient, errorMessage, ApiError } from '../lib/api-client.js';
import { looksLikeSecretKey } from '../lib/api-key.js';
import { testIds } from '../test-ids.js';

export function SignInPage({ onSignedIn, notice }: { onSignedIn: (key: string) => void; notice?: string | null }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const candidate = key.trim();
    if (!looksLikeSecretKey(candidate)) {
      setError('That does not look like a secret key. It starts with sk_test_ or sk_live_.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // Ask the server once, so a wrong key fails here and not on every page.
      await createApiClient({ apiKey: candidate }).get('/api/v1/checkout_sessions', { limit: 1 });
      onSignedIn(candidate);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? 'This key was not accepted. It may be revoked or expired.' : errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={submit} data-testid={testIds.signIn.form} noValidate>
        <h1>
          <span className="logo" aria-hidden="true" />
          OpenCheckout
        </h1>
        <p className="muted">Sign in with a secret API key to open the dashboard.</p>
        {notice && <div className="notice info">{notice}</div>}
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="sk_test_…"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={error ? 'signin-error' : undefined}
          data-testid={testIds.signIn.key}
          autoFocus
        />
        {error && (
          <p id="signin-error" className="field-error" role="alert" data-testid={testIds.signIn.error}>
            {error}
          </p>
        )}
        <button className="button primary wide" type="submit" disabled={busy} data-testid={testIds.signIn.submit}>
          {busy ? 'Signing in…' : 'Sign In'}
        </button>
        <p className="muted small">The key stays in a cookie for this browser session only.</p>
      </form>
    </main>
  );
}
