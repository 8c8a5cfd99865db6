export type DeliveryErrorCode =
  | 'timeout'
  | 'connection_refused'
  | 'connection_reset'
  | 'dns'
  | 'tls'
  | 'network';

export interface DeliverWebhookParameters {
  url: string;
  /** The exact signed body. */
  body: string;
  /** Signature headers and any others; content-type and user-agent are set unless given. */
  headers: Readonly<Record<string, string>>;
  /** Whole-exchange budget: connect, headers and the excerpt read. Default 10 s. */
  timeoutMs?: number;
}

export interface DeliverWebhookReturnType {
  /** True only for a 2xx answer; a 3xx is a failure (redirects are never followed). */
  ok: boolean;
  status?: number;
  latencyMs: number;
  /** The first 1 KiB of the response body as text, for the delivery log. */
  responseExcerpt: string;
  /** The raw Retry-After header, for RetrySchedule.nextAttemptAt. */
  retryAfter?: string;
  error?: DeliveryErrorCode;
}

export const RESPONSE_EXCERPT_BYTES = 1024;
const USER_AGENT = 'OpenCheckout-Webhooks/1.0';

async function readExcerpt(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    // The rest is not needed; cancelling frees the connection instead of draining a huge body.
    await reader.cancel().catch(() => undefined);
  }
  return new TextDecoder('utf-8', { fatal: false })
    .decode(Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES))
    .replace(/\uFFFD$/, '');
}

function classify(error: unknown): DeliveryErrorCode {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { name, code } = current as { name?: string; code?: string };
    if (name === 'TimeoutError' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') return 'timeout';
    if (code === 'ECONNREFUSED') return 'connection_refused';
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return 'connection_reset';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'dns';
    if (typeof code === 'string' && (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT'))) return 'tls';
    current = (current as { cause?: unknown }).cause;
  }
  return 'network';
}

/**
 * One POST of a signed webhook. Never follows redirects and never throws for an
 * HTTP or network outcome: the answer says what happened so the caller can log
 * the attempt and schedule the next.
 */
export async function deliverWebhook(parameters: DeliverWebhookParameters): Promise<DeliverWebhookReturnType> {
  const { url, body, headers, timeoutMs = 10_000 } = parameters;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...headers },
      redirect: 'manual',
      signal,
    });
    const retryAfter = response.headers.get('retry-after') ?? undefined;
    let responseExcerpt = '';
    try {
      responseExcerpt = await readExcerpt(response);
    } catch (error) {
      // The status is known; a body cut off by the timeout fails the attempt.
      return { ok: false, status: response.status, latencyMs: elapsed(), responseExcerpt, retryAfter, error: classify(error) };
    }
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, latencyMs: elapsed(), responseExcerpt, ...(retryAfter === undefined ? {} : { retryAfter }) };
  } catch (error) {
    return { ok: false, latencyMs: elapsed(), responseExcerpt: '', error: signal.aborted ? 'timeout' : classify(error) };
  }
}
