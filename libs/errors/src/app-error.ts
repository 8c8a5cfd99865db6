/**
 * One error hierarchy for every service. Each error has a stable `code`, a
 * Stripe-compatible `type`, an HTTP `status`, and optionally the request
 * `param` at fault. Messages are short, human, and never carry secrets.
 */
export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'idempotency_error'
  | 'rate_limit_error'
  | 'api_error';

export interface ErrorBody {
  type: ErrorType;
  code: string;
  message: string;
  param?: string;
  /** Whether the same request may succeed when retried unchanged. */
  retryable?: boolean;
}

export interface AppErrorOptions {
  param?: string;
  cause?: unknown;
  retryable?: boolean;
}

export class AppError extends Error {
  override readonly name: string = 'AppError';
  readonly param?: string;
  readonly retryable: boolean;

  constructor(
    readonly type: ErrorType,
    readonly code: string,
    readonly status: number,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.param = options.param;
    this.retryable = options.retryable ?? false;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { type: this.type, code: this.code, message: this.message };
    if (this.param !== undefined) body.param = this.param;
    if (this.retryable) body.retryable = true;
    return body;
  }
}

/** 400: the request is malformed or breaks a named limit. */
export class ValidationError extends AppError {
  override readonly name = 'ValidationError';
  constructor(message: string, options: AppErrorOptions & { code?: string } = {}) {
    super('invalid_request_error', options.code ?? 'parameter_invalid', 400, message, options);
  }
}

/** 401: no key, an unknown key, a revoked or expired key. */
export class AuthenticationError extends AppError {
  override readonly name = 'AuthenticationError';
  constructor(message = 'Invalid API key provided.', options: AppErrorOptions & { code?: string } = {}) {
    super('authentication_error', options.code ?? 'api_key_invalid', 401, message, options);
  }
}

/** 403: a valid key without the scope for this operation. */
export class PermissionError extends AppError {
  override readonly name = 'PermissionError';
  constructor(message: string, options: AppErrorOptions & { code?: string } = {}) {
    super('permission_error', options.code ?? 'insufficient_scope', 403, message, options);
  }
}

/** 404: no such resource for this merchant and mode (another merchant's resource is also "missing"). */
export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  constructor(resource: string, id?: string, options: AppErrorOptions = {}) {
    super(
      'invalid_request_error',
      'resource_missing',
      404,
      id === undefined ? `No such ${resource}.` : `No such ${resource}: '${id}'`,
      options,
    );
  }
}

/** 404 for a route that does not exist. */
export class RouteNotFoundError extends AppError {
  override readonly name = 'RouteNotFoundError';
  constructor(method: string, path: string) {
    super('invalid_request_error', 'route_not_found', 404, `Unrecognized request URL (${method}: ${path}).`);
  }
}

/** 409/400: the resource is in a state that forbids the operation. */
export class StateConflictError extends AppError {
  override readonly name = 'StateConflictError';
  constructor(message: string, options: AppErrorOptions & { code?: string } = {}) {
    super('invalid_request_error', options.code ?? 'resource_state_conflict', 409, message, options);
  }
}

/** 400: an Idempotency-Key reused with a different request. */
export class IdempotencyKeyMismatchError extends AppError {
  override readonly name = 'IdempotencyKeyMismatchError';
  constructor() {
    super(
      'idempotency_error',
      'idempotency_key_reused',
      400,
      'Keys for idempotent requests can only be used with the same parameters they were first used with.',
    );
  }
}

/** 409: another request with the same Idempotency-Key is still in flight; retry it. */
export class IdempotencyKeyInUseError extends AppError {
  override readonly name = 'IdempotencyKeyInUseError';
  constructor() {
    super(
      'idempotency_error',
      'idempotency_key_in_use',
      409,
      'A request with this Idempotency-Key is already being processed. Retry after it completes.',
      { retryable: true },
    );
  }
}

/** 429: the key exceeded its rate limit. */
export class RateLimitError extends AppError {
  override readonly name = 'RateLimitError';
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limit_error', 'rate_limit', 429, 'Too many requests. Retry after the time in Retry-After.', {
      retryable: true,
    });
  }
}

/** 409 inside a write side: the stream moved on since it was read. Retried by the use case. */
export class ConcurrencyError extends AppError {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number | 'no_stream' | 'any',
    readonly actualVersion: number,
  ) {
    super(
      'api_error',
      'concurrent_modification',
      409,
      `Stream ${streamId} is at version ${actualVersion}, expected ${String(expectedVersion)}.`,
      { retryable: true },
    );
  }
}

/** 503: a dependency is unreachable or timed out; the request may be retried. */
export class UnavailableError extends AppError {
  override readonly name = 'UnavailableError';
  constructor(message = 'A dependency is temporarily unavailable. Retry the request.', options: AppErrorOptions = {}) {
    super('api_error', 'service_unavailable', 503, message, { ...options, retryable: true });
  }
}

/** 500: a fault of ours. The message never includes internals. */
export class InternalError extends AppError {
  override readonly name = 'InternalError';
  constructor(options: AppErrorOptions = {}) {
    super('api_error', 'internal_error', 500, 'An internal error occurred. Retry later.', options);
  }
}

/** Rebuilds an error that crossed a process boundary (NATS reply) from its body and status. */
export function appErrorFromBody(body: ErrorBody, status: number): AppError {
  return new AppError(body.type, body.code, status, body.message, { param: body.param, retryable: body.retryable });
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
