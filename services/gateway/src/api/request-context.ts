import { createHash, randomUUID } from 'node:crypto';
import { create, type JsonValue } from '@bufbuild/protobuf';
import { RequestContextSchema, type RequestContext } from '@opencheckout/contracts';
import { AuthenticationError, ValidationError } from '@opencheckout/errors';
import type { AuthenticatedRequest } from '../auth/merchant-context.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function header(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The correlation id: the caller's X-Request-Id when sane, else a fresh one; it follows the request into events and webhooks. */
export function correlationIdOf(request: AuthenticatedRequest): string {
  const given = header(request, 'x-request-id');
  return given !== undefined && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** The merchant context every service call carries: who, which mode, which key, the Idempotency-Key. */
export function requestContextOf(request: AuthenticatedRequest): RequestContext {
  const principal = request.principal;
  if (principal === undefined) throw new AuthenticationError();
  const idempotencyKey = header(request, 'idempotency-key') ?? '';
  if (idempotencyKey !== '' && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new ValidationError('Idempotency-Key must be 1 to 255 printable ASCII characters.', {
      param: 'Idempotency-Key',
      code: 'idempotency_key_invalid',
    });
  }
  return create(RequestContextSchema, {
    merchantId: principal.merchantId,
    livemode: principal.livemode,
    keyId: principal.keyId,
    scopes: principal.scopes,
    correlationId: correlationIdOf(request),
    idempotencyKey,
  });
}

function canonical(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, JsonValue>)[key]!)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of the operation and its normalised parameters: what an Idempotency-Key is compared against. */
export function requestHash(operation: string, normalised: JsonValue): string {
  return createHash('sha256').update(`${operation}\n${canonical(normalised)}`).digest('hex');
}
