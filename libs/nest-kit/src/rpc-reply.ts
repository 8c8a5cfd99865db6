import { AppError, InternalError, UnavailableError, appErrorFromBody, type ErrorBody } from '@opencheckout/errors';

/**
 * Every request-reply answer travels as a reply envelope, so a typed error
 * crosses the process boundary intact instead of becoming Nest's generic
 * "Internal server error".
 */
export type RpcReply<T> = { ok: true; data: T } | { ok: false; error: ErrorBody & { status: number } };

export function okReply<T>(data: T): RpcReply<T> {
  return { ok: true, data };
}

export function errorReply(error: unknown): RpcReply<never> {
  const appError = error instanceof AppError ? error : new InternalError({ cause: error });
  return { ok: false, error: { ...appError.toBody(), status: appError.status } };
}

/** Unwraps a reply: the data, or the typed error it carried. */
export function unwrapReply<T>(reply: unknown): T {
  if (typeof reply !== 'object' || reply === null || !('ok' in reply)) {
    throw new UnavailableError('A service answered with a malformed reply.');
  }
  const typed = reply as RpcReply<T>;
  if (typed.ok) return typed.data;
  const { status, ...body } = typed.error;
  throw appErrorFromBody(body, status);
}
