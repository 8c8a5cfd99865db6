/** The error body every OpenCheckout API answers with (Stripe's shape). */
export interface CheckoutErrorBody {
  type: string;
  code?: string;
  message: string;
  param?: string;
  retryable?: boolean;
}

export interface CheckoutErrorOptions {
  type?: string;
  code?: string;
  status?: number;
  param?: string;
  requestId?: string;
  idempotencyKey?: string;
  retryable?: boolean;
  cause?: unknown;
}

/** Base of every error the SDK throws. */
export class CheckoutError extends Error {
  override readonly name: string = 'CheckoutError';
  readonly type: string;
  readonly code?: string;
  /** HTTP status; absent when no answer arrived. */
  readonly status?: number;
  /** The request parameter at fault, when the API names one. */
  readonly param?: string;
  readonly requestId?: string;
  /** The Idempotency-Key the request was sent with: retry with it to be safe from duplicates. */
  readonly idempotencyKey?: string;
  /** Whether the API says the same request may succeed if retried unchanged. */
  readonly retryable: boolean;

  constructor(message: string, options: CheckoutErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.type = options.type ?? 'api_error';
    this.code = options.code;
    this.status = options.status;
    this.param = options.param;
    this.requestId = options.requestId;
    this.idempotencyKey = options.idempotencyKey;
    this.retryable = options.retryable ?? false;
  }
}

/** 401: missing, unknown or revoked API key. */
export class CheckoutAuthenticationError extends CheckoutError {
  override readonly name = 'CheckoutAuthenticationError';
}

/** 403: the key may not do this. */
export class CheckoutPermissionError extends CheckoutError {
  override readonly name = 'CheckoutPermissionError';
}

/** 400/404/409: invalid parameters, a missing resource, or a state that forbids the call. */
export class CheckoutInvalidRequestError extends CheckoutError {
  override readonly name = 'CheckoutInvalidRequestError';
}

/** An Idempotency-Key reused with other parameters (400), or still in flight (409, retried automatically). */
export class CheckoutIdempotencyError extends CheckoutError {
  override readonly name = 'CheckoutIdempotencyError';
}

/** 429: slow down; `retryAfter` is in seconds when the API said. */
export class CheckoutRateLimitError extends CheckoutError {
  override readonly name = 'CheckoutRateLimitError';
  readonly retryAfter?: number;
  constructor(message: string, options: CheckoutErrorOptions & { retryAfter?: number } = {}) {
    super(message, { ...options, retryable: true });
    this.retryAfter = options.retryAfter;
  }
}

/** 5xx: a fault on the API side. */
export class CheckoutApiError extends CheckoutError {
  override readonly name = 'CheckoutApiError';
}

/** No answer: connection refused or reset, DNS failure, or the request timed out. */
export class CheckoutConnectionError extends CheckoutError {
  override readonly name = 'CheckoutConnectionError';
  constructor(message: string, options: CheckoutErrorOptions = {}) {
    super(message, { type: 'connection_error', code: 'connection_failed', ...options, retryable: true });
  }
}

/** The typed error for an API answer that is not 2xx. */
export function checkoutErrorFromResponse(
  status: number,
  body: CheckoutErrorBody | undefined,
  context: { requestId?: string; idempotencyKey?: string; retryAfter?: number },
): CheckoutError {
  const options: CheckoutErrorOptions = {
    type: body?.type ?? (status >= 500 ? 'api_error' : 'invalid_request_error'),
    code: body?.code,
    status,
    param: body?.param,
    requestId: context.requestId,
    idempotencyKey: context.idempotencyKey,
    retryable: body?.retryable ?? false,
  };
  const message = body?.message ?? `The API answered HTTP ${status}.`;
  if (body?.type === 'idempotency_error') {
    return new CheckoutIdempotencyError(message, {
      ...options,
      retryable: options.retryable || body.code === 'idempotency_key_in_use',
    });
  }
  if (status === 401) return new CheckoutAuthenticationError(message, options);
  if (status === 403) return new CheckoutPermissionError(message, options);
  if (status === 429) return new CheckoutRateLimitError(message, { ...options, retryAfter: context.retryAfter });
  if (status >= 500) return new CheckoutApiError(message, { ...options, retryable: true });
  return new CheckoutInvalidRequestError(message, options);
}
