import { useMemo, useState } from 'react';
import { createApiClient } from '../lib/api-client.js';
import { keyMode } from '../lib/api-key.js';
import { API_KEY_COOKIE, clearCookie, readCookie, writeCookie } from '../lib/cookie.js';
import { Link, navigate, useLocation } from '../components/router.js';
import { ErrorBoundary } from '../components/error-boundary.js';
import { Badge } from '../components/status-badge.js';
import { testIds } from '../test-ids.js';
import { ApiContext } from './api-context.js';
import { SignInPage } from './sign-in-page.js';
import { OverviewPage } from './overview-page.js';
import { TransactionsPage } from './transactions-page.js';
import { ApiKeysPage } from './api-keys-page.js';
import { WebhooksPage } from './webhooks-page.js';
import { WalletsPage } from './wallets-page.js';
import { SettingsPage } from './settings-page.js';

const TABS = [
  { name: 'overview', label: 'Overview', path: '/dashboard' },
  { name: 'transactions', label: 'Transactions', path: '/dashboard/transactions' },
  { name: 'keys', label: 'API Keys', path: '/dashboard/keys' },
  { name: 'webhooks', label: 'Webhooks', path: '/dashboard/webhooks' },
  { name: 'wallets', label: 'Wallets', path: '/dashboard/wallets' },
  { name: 'settings', label: 'Settings', path: '/dashboard/settings' },
] as const;

export function DashboardApp() {
  const [apiKey, setApiKey] = useState<string | null>(() => readCookie(API_KEY_COOKIE));
  const [signedOutNotice, setSignedOutNotice] = useState<string | null>(null);
  const { pathname } = useLocation();

  const api = useMemo(
    () =>
      apiKey
        ? createApiClient({
            apiKey,
            onUnauthorized: () => {
              clearCookie(API_KEY_COOKIE);
              setSignedOutNotice('Your key is no longer accepted. Sign in again.');
              setApiKey(null);
            },
          })
        : null,
    [apiKey],
  );

  if (!apiKey || !api) {
    return (
      <SignInPage
        notice={signedOutNotice}
        onSignedIn={(key) => {
          writeCookie(API_KEY_COOKIE, key);
          setSignedOutNotice(null);
          setApiKey(key);
        }}
      />
    );
  }

  function logOut() {
    clearCookie(API_KEY_COOKIE);
    setApiKey(null);
    navigate('/dashboard', { replace: true });
  }

  const mode = keyMode(apiKey);
  const segments = pathname.replace(/\/+$/, '').split('/').slice(2);
  const section = segments[0] ?? 'overview';

  return (
    <ApiContext.Provider value={api}>
      <header className="topbar" data-testid={testIds.nav.bar}>
        <div className="topbar-inner">
          <Link href="/dashboard" className="brand">
            <span className="logo" aria-hidden="true" />
            OpenCheckout
          </Link>
          <nav aria-label="Dashboard" className="tabs">
            {TABS.map((tab) => {
              const active = tab.name === section;
              return (
                <Link
                  key={tab.name}
                  href={tab.path}
                  className={`tab${active ? ' active' : ''}`}
                  aria-current={active ? 'page' : undefined}
                  data-testid={testIds.nav.tab(tab.name)}
                >
                  {tab.label}
                </Link>
              );
            })}
          </nav>
          <div className="topbar-right">
            {mode && (
              <span data-testid={testIds.nav.mode} data-mode={mode}>
                <Badge tone={mode === 'live' ? 'success' : 'warning'} label={mode === 'live' ? 'Live mode' : 'Test mode'} />
              </span>
            )}
            <button type="button" className="button secondary small" onClick={logOut} data-testid={testIds.nav.logout}>
              Log out
            </button>
          </div>
        </div>
        {mode === 'test' && <div className="test-strip">Test data: nothing here moves real funds.</div>}
      </header>
      <main className="page">
        <ErrorBoundary key={section}>
          {section === 'overview' && <OverviewPage />}
          {section === 'transactions' && <TransactionsPage sessionId={segments[1] ?? null} />}
          {section === 'keys' && <ApiKeysPage />}
          {section === 'webhooks' && <WebhooksPage />}
          {section === 'wallets' && <WalletsPage />}
          {section === 'settings' && <SettingsPage apiKey={apiKey} onLogOut={logOut} />}
          {!TABS.some((t) => t.name === section) && (
            <section>
              <h1>Not found</h1>
              <p>
                <Link href="/dashboard">Back to the overview</Link>
              </p>
            </section>
          )}
        </ErrorBoundary>
      </main>
    </ApiContext.Provider>
  );
}
