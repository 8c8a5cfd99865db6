import { useEffect, useState } from 'react';
import type { CheckoutSession } from '../lib/api-types.js';
import { ApiError, createApiClient, errorMessage } from '../lib/api-client.js';
import { isFinalStatus } from '../lib/session-status.js';

const POLL_MS = 2000;
const STREAM_SAFETY_POLL_MS = 15_000;
const publicApi = createApiClient();

export function publicSessionPath(id: string): string {
  return `/api/public/checkout_sessions/${encodeURIComponent(id)}`;
}

/**
 * The session as the server sees it, kept current by the event stream when the
 * server offers one, else by polling every 2 s. Stops once nothing can change.
 */
export function useLiveSession(id: string): {
  session: CheckoutSession | null;
  error: string | null;
  notFound: boolean;
  replace: (session: CheckoutSession) => void;
} {
  const [session, setSession] = useState<CheckoutSession | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stream: EventSource | null = null;
    let pollMs = POLL_MS;

    const stop = () => {
      stopped = true;
      stream?.close();
      clearTimeout(timer);
    };

    const schedule = () => {
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(poll, pollMs);
    };

    const accept = (next: CheckoutSession) => {
      if (stopped) return;
      setSession(next);
      setError(null);
      if (isFinalStatus(next.status)) stop();
    };

    async function poll() {
      try {
        accept(await publicApi.get<CheckoutSession>(publicSessionPath(id)));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) {
          setNotFound(true);
          stop();
          return;
        }
        // Keep trying: a dropped connection on a phone should not end the page.
        if (!stopped) setError(errorMessage(e));
      }
      schedule();
    }

    const startStream = () => {
      if (stopped || typeof EventSource === 'undefined') return;
      stream = new EventSource(`${publicSessionPath(id)}/stream`);
      const onData = (event: MessageEvent<string>) => {
        try {
          accept(JSON.parse(event.data) as CheckoutSession);
        } catch {
          // Not a session (a heartbeat): ignore.
        }
      };
      stream.onmessage = onData;
      stream.addEventListener('session', onData as EventListener);
      // While the stream is up a slow poll remains, in case a proxy holds events back.
      stream.onopen = () => {
        pollMs = STREAM_SAFETY_POLL_MS;
        schedule();
      };
      stream.onerror = () => {
        // No stream here, or it dropped: back to polling every 2 s for good.
        stream?.close();
        stream = null;
        pollMs = POLL_MS;
        schedule();
      };
    };

    void poll().then(startStream);
    return stop;
  }, [id]);

  return { session, error, notFound, replace: setSession };
}

export async function chooseDonationAmount(id: string, value: string, currency: string): Promise<CheckoutSession> {
  return publicApi.post<CheckoutSession>(`${publicSessionPath(id)}/donation_amount`, { amount: { value, currency } });
}
