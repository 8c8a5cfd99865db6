import { ValidationError } from '@opencheckout/errors';

/** A webhook URL that may not be delivered to (scheme, or a host that resolves somewhere private). */
export class UnsafeWebhookUrlError extends ValidationError {
  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, { code: options.code ?? 'url_unsafe', param: 'url', cause: options.cause });
  }
}
