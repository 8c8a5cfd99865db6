import pRetry, { AbortError } from 'p-retry';
import {
  CheckoutConnectionError,
  CheckoutError,
  CheckoutRateLimitError,
  checkoutErrorFromResponse,
  type CheckoutErrorBody,
} from './checkout-error.js';
import type { RequestOptions } from './types.js';

export const SDK_VERSION = '0.1.0';

export interface HttpClientConfig {
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  /** First backoff delay; doubles each retry with jitter, up to maxRetryDelayMs. */
  minRetryDelayMs: number;
  maxRetryDelayMs: number;
  /** A Retry-After longer than this is not waited for: the rate-limit error is thrown instead. */
  maxRetryAfterMs: number;
  fetch: typeof fetch;
}

export type QueryValue = string | number | boolean | undefined | null;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  options?: RequestOptions;
}

function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Sends requests with auth, timeouts, typed errors and safe automatic retries. */
export class HttpClient {
  constructor(private readonly config: HttpClientConfig) {}

  async request<T>(request: HttpRequest): Promise<T> {
    const options = request.options ?? {};
    // One key for every attempt of this call: a retry replays, it never creates twice.
    const idempotencyKey =
      request.method === 'POST' ? (options.idempotencyKey ?? globalThis.crypto.randomUUID()) : undefined;
    const maxRetries = options.maxRetries ?? this.config.maxRetries;
    return pRetry(() => this.once<T>(request, idempotencyKey), {
      retries: maxRetries,
      minTimeout: this.config.minRetryDelayMs,
      maxTimeout: this.config.maxRetryDelayMs,
      factor: 2,
      randomize: true,
      signal: options.signal,
      shouldRetry: ({ error }) => this.shouldRetry(error),
      onFailedAttempt: async ({ error, retriesLeft, retryDelay }) => {
        if (retriesLeft === 0 || !this.shouldRetry(error)) return;
        if (error instanceof CheckoutRateLimitError && error.retryAfter !== undefined) {
          // Wait what the API asked for; backoff already covers retryDelay of it.
          const extra = error.retryAfter * 1000 - retryDelay;
          if (extra > 0) await new Promise((resolve) => setTimeout(resolve, extra));
        }
      },
    });
  }

  private shouldRetry(error: unknown): boolean {
    if (!(error instanceof CheckoutError) || !error.retryable) return false;
    if (error instanceof CheckoutRateLimitError && error.retryAfter !== undefined) {
      return error.retryAfter * 1000 <= this.config.maxRetryAfterMs;
    }
    return true;
  }

  private async once<T>(request: HttpRequest, idempotencyKey: string | undefined): Promise<T> {
    const { method, path, query, body, options = {} } = request;
    const url = new URL(this.config.baseUrl + path);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.config.apiKey}`,
      accept: 'application/json',
      'user-agent': `opencheckout-node/${SDK_VERSION}`,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;

    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.config.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await this.config.fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        redirect: 'error',
      });
      text = await response.text();
    } catch (cause) {
      if (options.signal?.aborted) throw new AbortError(options.signal.reason instanceof Error ? options.signal.reason : 'Request aborted.');
      const message = timeout.aborted
        ? `Request to OpenCheckout timed out (${method} ${path}).`
        : `Could not reach OpenCheckout (${method} ${path}).`;
      throw new CheckoutConnectionError(message, { idempotencyKey, cause, code: timeout.aborted ? 'timeout' : 'connection_failed' });
    }

    let parsed: unknown;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (response.ok) {
      if (text !== '' && parsed === undefined) {
        throw new CheckoutError('The API answered with a body that is not JSON.', { status: response.status, idempotencyKey });
      }
      return parsed as T;
    }
    const errorBody = (parsed as { error?: CheckoutErrorBody } | undefined)?.error;
    throw checkoutErrorFromResponse(response.status, typeof errorBody === 'object' && errorBody !== null ? errorBody : undefined, {
      requestId: response.headers.get('request-id') ?? response.headers.get('x-request-id') ?? undefined,
      idempotencyKey,
      retryAfter: retryAfterSeconds(response.headers.get('retry-after')),
    });
  }
}
