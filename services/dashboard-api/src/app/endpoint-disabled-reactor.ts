import type { JsonValue } from '@bufbuild/protobuf';
import { WebhookEndpointDisabledSchema, decodeEventDataAs } from '@opencheckout/contracts';
import { NotFoundError } from '@opencheckout/errors';
import type { EventMessage } from '@opencheckout/messaging';
import type { Logger } from 'pino';
import { decide } from '../domain/merchant.decider.js';
import type { MerchantWriter } from './merchant-writer.js';

/**
 * When the dispatcher gives up on an endpoint (410, or failing too long) it
 * says so with `webhook.endpoint_disabled`; the Merchant aggregate records it,
 * so the endpoint reads as disabled, with the reason, everywhere.
 */
export class EndpointDisabledReactor {
  constructor(
    private readonly writer: MerchantWriter,
    private readonly logger: Logger,
  ) {}

  async handle(event: EventMessage): Promise<void> {
    if (event.type !== 'webhook.endpoint_disabled') return;
    const disabled = decodeEventDataAs(WebhookEndpointDisabledSchema, event.data as JsonValue);
    const at = disabled.disabledAt || event.occurredAt;
    try {
      await this.writer.write({
        merchantId: disabled.merchantId,
        now: new Date(at),
        correlationId: event.metadata.correlationId,
        causationId: event.eventId,
        run: async (state) => ({
          events: decide(
            {
              kind: 'update_webhook_endpoint',
              endpointId: disabled.endpointId,
              livemode: disabled.livemode,
              disabled: true,
              disabledReason: disabled.reason || 'Disabled by the webhook dispatcher.',
              at,
            },
            state,
          ),
          answer: () => null,
        }),
        encode: () => null,
        decode: () => null,
      });
    } catch (error) {
      // The endpoint (or merchant) is gone since: nothing left to disable.
      if (!(error instanceof NotFoundError)) throw error;
      this.logger.info({ endpointId: disabled.endpointId }, 'disabled endpoint no longer exists; nothing to record');
    }
  }
}
