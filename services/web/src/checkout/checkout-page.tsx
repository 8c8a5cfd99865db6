import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { CheckoutSession } from '../lib/api-types.js';
import { errorMessage } from '../lib/api-client.js';
import { chainName } from '../lib/chains.js';
import { formatCountdown, remainingMs } from '../lib/countdown.js';
import { compareDecimal, isDecimalString } from '../lib/decimal.js';
import { validateDonationAmount } from '../lib/donation.js';
import { formatCrypto, formatFiat } from '../lib/format-money.js';
import { buildPaymentUri } from '../lib/payment-uri.js';
import { safeRedirectUrl } from '../lib/safe-url.js';
import { confirmationProgress, excessAmount, isFinalStatus, isPaidStatus, remainingAmount } from '../lib/session-status.js';
import { CopyButton } from '../components/copy-button.js';
import { QrCode } from '../components/qr-code.js';
import { testIds } from '../test-ids.js';
import { chooseDonationAmount, useLiveSession } from './use-live-session.js';
import { useNow } from './use-now.js';

const REDIRECT_SECONDS = 5;

export function CheckoutPage({ id }: { id: string }) {
  const { session, error, notFound, replace } = useLiveSession(id);
  // A donor chooses the amount on this page before seeing where to pay.
  const [amountChosen, setAmountChosen] = useState(false);

  useEffect(() => {
    if (session?.fiat) document.title = `Pay ${formatFiat(session.fiat.amount, session.fiat.currency)} · OpenCheckout`;
  }, [session?.fiat]);

  if (notFound) {
    return (
      <Shell>
        <div className="checkout-card" data-testid={testIds.checkout.notFound}>
          <h1>Payment not found</h1>
          <p className="muted">This payment link is not valid. Ask the merchant for a new one.</p>
        </div>
      </Shell>
    );
  }
  if (!session) {
    return (
      <Shell>
        <div className="checkout-card" aria-busy="true">
          {error ? <p role="alert">{error}</p> : <p className="muted">Loading payment…</p>}
        </div>
      </Shell>
    );
  }
  return (
    <Shell>
      <div className="checkout-card" data-testid={testIds.checkout.root} data-status={session.status}>
        <Summary session={session} />
        {error && (
          <p className="notice warning small" role="status">
            Reconnecting… the status below may be a few seconds old.
          </p>
        )}
        {needsDonationAmount(session, amountChosen) ? (
          <DonationForm
            session={session}
            onChosen={(chosen) => {
              replace(chosen);
              setAmountChosen(true);
            }}
          />
        ) : (
          <>
            <PaymentBody session={session} />
            {session.mode === 'donation' && session.status === 'pending' && (
              <p className="cancel">
                <button type="button" className="link" onClick={() => setAmountChosen(false)}>
                  Change the amount
                </button>
              </p>
            )}
          </>
        )}
      </div>
    </Shell>
  );
}

/**
 * A donation asks for its amount until the donor chooses one here: the amount
 * due before that is only the merchant's minimum, not what the donor means to give.
 */
function needsDonationAmount(session: CheckoutSession, amountChosen: boolean): boolean {
  return session.mode === 'donation' && session.status === 'pending' && !amountChosen;
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <main className="checkout">
      {children}
      <footer className="checkout-footer muted small">Secured by OpenCheckout</footer>
    </main>
  );
}

function Summary({ session }: { session: CheckoutSession }) {
  const items = (session.lineItems ?? []).map(describeLineItem).filter((i) => i.name);
  return (
    <header className="checkout-summary">
      {session.merchant?.name && <div className="muted small">{session.merchant.name}</div>}
      {!session.livemode && <span className="badge tone-warning">Test mode</span>}
      {items.length > 0 && (
        <ul className="line-items">
          {items.map((item, i) => (
            <li key={i}>
              <span>{item.name}</span>
              {item.quantity > 1 && <span className="muted"> × {item.quantity}</span>}
            </li>
          ))}
        </ul>
      )}
      {session.fiat && isDecimalString(session.fiat.amount) && compareDecimal(session.fiat.amount, '0') > 0 && (
        <div className="checkout-total" data-testid={testIds.checkout.fiat}>
          {formatFiat(session.fiat.amount, session.fiat.currency)}
        </div>
      )}
    </header>
  );
}

function describeLineItem(item: NonNullable<CheckoutSession['lineItems']>[number]): { name: string; quantity: number } {
  return { name: item.name ?? item.price_data?.product_data?.name ?? '', quantity: item.quantity ?? 1 };
}

function PaymentBody({ session }: { session: CheckoutSession }) {
  const final = isFinalStatus(session.status);
  const now = useNow(!final);
  const left = remainingMs(session.expiresAt, now);

  if (isPaidStatus(session.status)) return <PaidPanel session={session} />;
  if (session.status === 'expired' || session.status === 'canceled') return <ClosedPanel session={session} />;
  if (session.status === 'underpaid') return <UnderpaidPanel session={session} />;
  return (
    <>
      <StatusLine session={session} />
      {session.status === 'detected' ? <ConfirmationCounter session={session} /> : left > 0 ? <PayInstructions session={session} /> : <TimeUpPanel />}
      {session.status === 'pending' && left > 0 && (
        <p className="countdown" aria-live="off">
          Time left to pay: <strong data-testid={testIds.checkout.countdown}>{formatCountdown(left)}</strong>
        </p>
      )}
      {session.status !== 'detected' && <CancelLink session={session} />}
    </>
  );
}

function StatusLine({ session }: { session: CheckoutSession }) {
  const text = session.status === 'detected' ? 'Payment detected' : 'Waiting for payment';
  return (
    <div className={`status-line status-${session.status}`} role="status" aria-live="polite" data-testid={testIds.checkout.status} data-value={session.status}>
      <span className="pulse" aria-hidden="true" />
      {text}
    </div>
  );
}

function PayInstructions({ session }: { session: CheckoutSession }) {
  if (!session.address || !session.amount || !session.asset || !session.chainId) {
    return <p className="muted">Preparing the payment address…</p>;
  }
  const uri = paymentUriOrNull({ address: session.address, chainId: session.chainId, atomic: session.amount.atomic, tokenAddress: session.asset.tokenAddress });
  return (
    <div className="pay">
      {uri && (
        <a href={uri} className="qr-link" aria-label="Open in a wallet app" data-testid={testIds.checkout.paymentUri}>
          <QrCode value={uri} label={`QR code: pay ${session.amount.decimal} ${session.asset.symbol} to ${session.address}`} testId={testIds.checkout.qr} />
        </a>
      )}
      <div className="pay-fields">
        <Field label="Send exactly">
          <span className="amount" data-testid={testIds.checkout.amount} data-value={session.amount.decimal}>
            {session.amount.decimal} {session.asset.symbol}
          </span>
          <CopyButton value={session.amount.decimal} label="Copy amount" testId={testIds.checkout.copyAmount} />
        </Field>
        <Field label="To this address">
          <span className="mono wrap" data-testid={testIds.checkout.address}>
            {session.address}
          </span>
          <CopyButton value={session.address} label="Copy address" testId={testIds.checkout.copyAddress} />
        </Field>
        <Field label="Network">
          <span data-testid={testIds.checkout.network}>
            {chainName(session.chainId)}
            {session.asset.tokenAddress ? ` · ${session.asset.symbol} token` : ''}
          </span>
        </Field>
        <p className="muted small">
          Send the exact amount on {chainName(session.chainId)} only. Less leaves the payment incomplete; more is not refunded automatically.
        </p>
      </div>
    </div>
  );
}

/** A malformed session shows the fields without a QR code rather than a wrong one. */
function paymentUriOrNull(parameters: Parameters<typeof buildPaymentUri>[0]): string | null {
  try {
    return buildPaymentUri(parameters);
  } catch {
    return null;
  }
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field">
      <div className="field-label">{label}</div>
      <div className="field-value">{children}</div>
    </div>
  );
}

function ConfirmationCounter({ session }: { session: CheckoutSession }) {
  const { current, required } = confirmationProgress(session);
  return (
    <div className="confirmations">
      <p>
        Your transaction is on chain. Waiting for confirmations:{' '}
        <strong data-testid={testIds.checkout.confirmations} data-current={current} data-required={required}>
          {current} of {required}
        </strong>
      </p>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={required} aria-valuenow={current} aria-label="Confirmations">
        <div className="progress-bar" style={{ width: `${Math.round((current / required) * 100)}%` }} />
      </div>
      <p className="muted small">You can keep this page open; it updates by itself.</p>
    </div>
  );
}

function TimeUpPanel() {
  return (
    <div className="notice warning">
      <strong>Time is up for this payment.</strong>
      <p className="small">Do not send a new payment. If you already sent it, keep this page open: a payment that arrives shortly after the deadline is still credited.</p>
    </div>
  );
}

function PaidPanel({ session }: { session: CheckoutSession }) {
  const successUrl = safeRedirectUrl(session.successUrl, location.href);
  const [seconds, setSeconds] = useState(REDIRECT_SECONDS);
  useEffect(() => {
    if (!successUrl) return;
    if (seconds <= 0) {
      location.assign(successUrl);
      return;
    }
    const timer = setTimeout(() => setSeconds((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [seconds, successUrl]);
  const excess = excessAmount(session);
  return (
    <div className="result success">
      <div className="result-icon" aria-hidden="true">
        ✓
      </div>
      <h1 role="status" data-testid={testIds.checkout.status} data-value={session.status}>
        {session.status === 'paid_late' ? 'Payment received after the deadline' : 'Payment received'}
      </h1>
      {session.amountReceived && session.asset && (
        <p data-testid={testIds.checkout.received}>Received {formatCrypto(session.amountReceived.decimal, session.asset.symbol)}.</p>
      )}
      {session.status === 'paid_late' && <p className="muted">It arrived within the grace period, so it counts as paid.</p>}
      {session.status === 'overpaid' && excess && session.asset && (
        <p className="notice info small">
          You sent {formatCrypto(excess.decimal, session.asset.symbol)} more than required. The merchant has been paid; contact them about the difference.
        </p>
      )}
      {successUrl ? (
        <div className="redirect">
          <span className="muted">Returning to the merchant in {Math.max(0, seconds)} s…</span>
          <a href={successUrl} className="button primary" data-testid={testIds.checkout.successLink}>
            Continue to the merchant
          </a>
        </div>
      ) : (
        <p className="muted">You can close this page.</p>
      )}
    </div>
  );
}

function UnderpaidPanel({ session }: { session: CheckoutSession }) {
  const missing = remainingAmount(session);
  return (
    <div className="result warning">
      <h1 role="status" data-testid={testIds.checkout.status} data-value={session.status}>
        Payment incomplete
      </h1>
      {session.amountReceived && session.amount && session.asset && (
        <p data-testid={testIds.checkout.received}>
          Received {formatCrypto(session.amountReceived.decimal, session.asset.symbol)} of {formatCrypto(session.amount.decimal, session.asset.symbol)}.
        </p>
      )}
      {missing && session.asset && (
        <p data-testid={testIds.checkout.remaining}>
          Short by <strong>{formatCrypto(missing.decimal, session.asset.symbol)}</strong>.
        </p>
      )}
      <p className="muted">The payment is not complete. Contact the merchant to settle the rest.</p>
      <CancelLink session={session} label="Return to the merchant" />
    </div>
  );
}

function ClosedPanel({ session }: { session: CheckoutSession }) {
  return (
    <div className="result danger">
      <h1 role="status" data-testid={testIds.checkout.status} data-value={session.status}>
        {session.status === 'canceled' ? 'Payment canceled' : 'Payment expired'}
      </h1>
      <p className="muted">
        {session.status === 'canceled' ? 'The merchant canceled this payment request.' : 'This payment request expired before a payment arrived.'} Do not send funds to
        its address.
      </p>
      <CancelLink session={session} label="Return to the merchant" />
    </div>
  );
}

function CancelLink({ session, label = 'Cancel and return to the merchant' }: { session: CheckoutSession; label?: string }) {
  const url = safeRedirectUrl(session.cancelUrl, location.href);
  if (!url) return null;
  return (
    <p className="cancel">
      <a href={url} data-testid={testIds.checkout.cancelLink}>
        {label}
      </a>
    </p>
  );
}

function DonationForm({ session, onChosen }: { session: CheckoutSession; onChosen: (s: CheckoutSession) => void }) {
  const currency = session.fiat?.currency ?? session.donation?.minimum?.currency ?? session.donation?.currency ?? 'USD';
  const minimum = session.donation?.minimum ?? null;
  // Coming back to change it: start from the amount chosen before.
  const [value, setValue] = useState(() => (session.fiat && isDecimalString(session.fiat.amount) && compareDecimal(session.fiat.amount, '0') > 0 ? session.fiat.amount : ''));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = validateDonationAmount(value, currency, minimum);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      onChosen(await chooseDonationAmount(session.id, value.trim(), currency));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="donation" onSubmit={submit} noValidate>
      <h1>Choose your amount</h1>
      <label htmlFor="donation-amount">Amount ({currency})</label>
      <input
        id="donation-amount"
        inputMode="decimal"
        autoComplete="off"
        placeholder={minimum ? minimum.value : '25.00'}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={!!error}
        aria-describedby="donation-hint"
        data-testid={testIds.checkout.donationInput}
        autoFocus
      />
      <p id="donation-hint" className="muted small">
        {minimum ? `Minimum ${formatFiat(minimum.value, minimum.currency)}.` : 'Any amount helps.'}
      </p>
      {error && (
        <p className="field-error" role="alert" data-testid={testIds.checkout.donationError}>
          {error}
        </p>
      )}
      <button type="submit" className="button primary wide" disabled={busy} data-testid={testIds.checkout.donationSubmit}>
        {busy ? 'Preparing…' : 'Continue to payment'}
      </button>
      <CancelLink session={session} />
    </form>
  );
}
