import type { RequestContext } from '@opencheckout/contracts';
import { ValidationError } from '@opencheckout/errors';

export interface Caller {
  merchantId: string;
  livemode: boolean;
  /** The key used; empty for operator or internal calls. */
  keyId: string;
  scopes: string[];
  correlationId: string;
  idempotencyKey: string;
}

/** Every merchant-facing call is scoped by the context the gateway authenticated. */
export function callerOf(context: RequestContext | undefined): Caller {
  if (context === undefined || context.merchantId === '') {
    throw new ValidationError('The request has no merchant context.', { code: 'context_missing' });
  }
  return {
    merchantId: context.merchantId,
    livemode: context.livemode,
    keyId: context.keyId,
    scopes: [...context.scopes],
    correlationId: context.correlationId,
    idempotencyKey: context.idempotencyKey,
  };
}
