import { ValidationError } from '@opencheckout/errors';

export type WebhookVerificationFailure =
  | 'missing_header'
  | 'invalid_header'
  | 'timestamp_out_of_tolerance'
  | 'no_matching_signature'
  | 'invalid_secret'
  | 'invalid_payload';

const messages: Record<WebhookVerificationFailure, string> = {
  missing_header: 'No webhook signature header found.',
  invalid_header: 'The webhook signature header is malformed.',
  timestamp_out_of_tolerance: 'The webhook timestamp is outside the tolerance window.',
  no_matching_signature: 'No signature matches the payload for this secret.',
  invalid_secret: 'The webhook secret is not a valid whsec_ secret.',
  invalid_payload: 'The webhook payload is not valid JSON.',
};

/** A webhook whose signature could not be verified; `reason` says why (never echoes secrets). */
export class WebhookVerificationError extends ValidationError {
  readonly reason: WebhookVerificationFailure;

  constructor(reason: WebhookVerificationFailure, options: { cause?: unknown } = {}) {
    super(messages[reason], { code: `webhook_${reason}`, cause: options.cause });
    this.reason = reason;
  }
}
