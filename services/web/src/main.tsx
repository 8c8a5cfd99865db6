import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { navigate, useLocation } from './components/router.js';
import './styles.css';

// Two bundles: a buyer on a phone loads only the checkout page.
const CheckoutPage = lazy(() => import('./checkout/checkout-page.js').then((m) => ({ default: m.CheckoutPage })));
const DashboardApp = lazy(() => import('./dashboard/dashboard-app.js').then((m) => ({ default: m.DashboardApp })));

function App() {
  const { pathname } = useLocation();
  const checkout = /^\/checkout\/([^/]+)\/?$/.exec(pathname);
  if (checkout?.[1]) return <CheckoutPage id={decodeURIComponent(checkout[1])} />;
  return <DashboardApp />;
}

// The app lives under /dashboard; a bare visit to the root lands there.
if (location.pathname === '/' || location.pathname === '/index.html') navigate('/dashboard', { replace: true });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Suspense fallback={<div className="loading-screen" aria-busy="true" />}>
        <App />
      </Suspense>
    </StrictMode>,
  );
}
