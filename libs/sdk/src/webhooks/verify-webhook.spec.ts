import { describe, expect, it } from '@jest/globals';
import { generateWebhookSecret, signWebhook } from '@opencheckout/webhooks';
import { WebhookVerificationError, verifyWebhook } from '@opencheckout/sdk/webhooks';

describe('@opencheckout/sdk/webhooks', () => {
  it('verifies what the platform signs, as a merchant server would (raw body, request headers)', () => {
    const secret = generateWebhookSecret();
    const payload = '{"id":"evt_9","object":"event","type":"session.paid","data":{"object":{"metadata":{"orderId":"001"}}}}';
    const headers = signWebhook({ secret, payload, eventId: 'evt_9', timestamp: Math.floor(Date.now() / 1000) });
    const event = verifyWebhook<{ metadata: { orderId: string } }>({ payload: Buffer.from(payload), headers, secret });
    expect(event.type).toBe('session.paid');
    expect(event.data.object.metadata.orderId).toBe('001');
    expect(() => verifyWebhook({ payload: payload.replace('001', '002'), headers, secret })).toThrow(WebhookVerificationError);
  });
});
