import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { create } from '@bufbuild/protobuf';
import {
  ListWebhookDeliveriesRequestSchema,
  ReplayWebhookEventsRequestSchema,
  RetryWebhookDeliveryRequestSchema,
  SessionPaidSchema,
  TestWebhookEndpointRequestSchema,
  WebhookDeliveryStatus,
} from '@opencheckout/contracts';
import { NotFoundError } from '@opencheckout/errors';
import { verifyWebhook } from '@opencheckout/webhooks';
import { Webhook } from 'standardwebhooks';
import { DispatcherHarness, Receiver, eventually } from '../test/dispatcher-harness.js';
import type { WebhookDispatcherApp } from './webhook-dispatcher-app.js';

function headerRecord(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) if (typeof value === 'string') out[key] = value;
  return out;
}

describe('webhook dispatcher (real Postgres, NATS and HTTP receivers)', () => {
  let harness: DispatcherHarness;
  let app: WebhookDispatcherApp;
  const receivers: Receiver[] = [];

  async function receiver(): Promise<Receiver> {
    const r = await Receiver.start();
    receivers.push(r);
    return r;
  }

  async function endpointFor(merchantId: string, url: string, events: string[]) {
    const endpoint = await harness.createEndpoint({ merchantId, url, events });
    await eventually(() => harness.endpointRow(app, endpoint.endpointId), 'endpoint projected');
    return endpoint;
  }

  const context = (merchantId: string) => ({ merchantId, livemode: false });

  async function deliveriesOf(merchantId: string, filter: { endpointId?: string; eventType?: string } = {}) {
    const page = await app.listDeliveries.execute(
      create(ListWebhookDeliveriesRequestSchema, { context: context(merchantId), page: { limit: 100 }, ...filter }),
    );
    return page.data;
  }

  beforeAll(async () => {
    harness = await DispatcherHarness.create();
    app = await harness.startApp();
  });

  afterAll(async () => {
    await harness?.close();
    for (const r of receivers) await r.close();
  });

  it('delivers each subscribed type exactly once per endpoint, verified by both verifiers; unsubscribed types are not sent', async () => {
    const merchantId = 'm_paid';
    const paidOnly = await receiver();
    const all = await receiver();
    const other = await receiver();
    const a = await endpointFor(merchantId, paidOnly.url, ['session.paid']);
    const b = await endpointFor(merchantId, all.url, ['*']);
    await endpointFor('m_someone_else', other.url, ['*']);

    const { sessionId, events } = await harness.paidSession(merchantId);
    // Redelivery of the same facts (a relay re-publishing) must add nothing.
    await eventually(() => all.requests.length >= 3 && paidOnly.requests.length >= 1, 'deliveries');
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(paidOnly.bodies().map((body) => body.type)).toEqual(['session.paid']);
    expect(all.bodies().map((body) => body.type).sort()).toEqual(['session.created', 'session.detected', 'session.paid']);
    expect(other.requests).toHaveLength(0);

    const [paid] = paidOnly.requests;
    const event = verifyWebhook({ payload: paid!.body, headers: headerRecord(paid!.headers), secret: a.secret });
    expect(event.type).toBe('session.paid');
    expect(event.id).toBe(`evt_${events[2]!.eventId.replace(/-/g, '')}`);
    expect(event.sequence).toBe(3);
    const object = event.data.object as { id: string; status: string; amountReceived: { atomic: string }; metadata: Record<string, string> };
    expect(object).toMatchObject({ id: sessionId, status: 'paid', amountReceived: { atomic: '5000000000000000' }, metadata: { orderId: 'A-1' } });
    const stock = new Webhook(a.secret).verify(paid!.body, headerRecord(paid!.headers)) as { id: string };
    expect(stock.id).toBe(event.id);
    for (const request of all.requests) {
      expect(verifyWebhook({ payload: request.body, headers: headerRecord(request.headers), secret: b.secret }).livemode).toBe(false);
      expect(() => new Webhook(b.secret).verify(request.body, headerRecord(request.headers))).not.toThrow();
      // Signed with b's secret only: a's secret does not verify it.
      expect(() => verifyWebhook({ payload: request.body, headers: headerRecord(request.headers), secret: a.secret })).toThrow();
    }

    const logged = await deliveriesOf(merchantId);
    expect(logged).toHaveLength(4);
    expect(logged.every((delivery) => delivery.status === WebhookDeliveryStatus.SUCCEEDED && delivery.attempts.length === 1)).toBe(true);
  });

  it('adds nothing when the stream redelivers an event', async () => {
    const merchantId = 'm_redeliver';
    const r = await receiver();
    await endpointFor(merchantId, r.url, ['session.paid']);
    const { events } = await harness.paidSession(merchantId);
    await eventually(() => r.requests.length === 1, 'first delivery');
    // The same fact again under a new message id (JetStream dedup bypassed): the dispatcher dedupes on the event id.
    const paid = events[2]!;
    await harness.publish('session.paid', SessionPaidSchema, paid.data as never, {
      streamId: paid.streamId,
      version: paid.version,
      merchantId,
      livemode: false,
      eventId: paid.eventId,
      bypassDedup: true,
    });
    await eventually(async () => {
      const info = await harness.jsm.consumers.info(harness.streamName, 'webhook_dispatcher_sessions');
      return info.num_pending === 0 && info.num_ack_pending === 0;
    }, 'repeat consumed');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(r.requests).toHaveLength(1);
    expect(await deliveriesOf(merchantId)).toHaveLength(1);
  });

  it('retries a 500 three times, then succeeds on the fourth attempt, logging every attempt', async () => {
    const merchantId = 'm_retry';
    const r = await receiver();
    r.respond = (_request, index) => (index < 3 ? { status: 500, body: `boom ${index}` } : { status: 200, body: 'fine' });
    await endpointFor(merchantId, r.url, ['session.paid']);
    await harness.paidSession(merchantId);
    const [delivery] = await eventually(async () => {
      const list = await deliveriesOf(merchantId);
      return list[0]?.status === WebhookDeliveryStatus.SUCCEEDED ? list : undefined;
    }, 'delivery succeeded');
    expect(delivery!.attempts.map((attempt) => attempt.httpStatus)).toEqual([500, 500, 500, 200]);
    expect(delivery!.attempts[0]!.responseExcerpt).toBe('boom 0');
    expect(delivery!.attemptCount).toBe(4);
    expect(r.requests).toHaveLength(4);
    // The schedule (100 ms, 200 ms, 300 ms, no jitter) spaced the attempts at least that far apart.
    const gaps = r.requests.slice(1).map((request, i) => request.at - r.requests[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[1]).toBeGreaterThanOrEqual(195);
    expect(gaps[2]).toBeGreaterThanOrEqual(295);
    // Every attempt is a fact on the log for dashboard-api's delivery log.
    const facts = (await app.runtime.dataSource.query(
      `SELECT type, data FROM dispatcher.events WHERE stream_id = $1 ORDER BY version`,
      [`webhook_delivery-${delivery!.deliveryId}`],
    )) as { type: string; data: { attempt: number; httpStatus: number } }[];
    expect(facts.map((fact) => [fact.type, fact.data.attempt, fact.data.httpStatus])).toEqual([
      ['webhook.delivery_failed', 1, 500],
      ['webhook.delivery_failed', 2, 500],
      ['webhook.delivery_failed', 3, 500],
      ['webhook.delivery_succeeded', 4, 200],
    ]);
  });

  it('honours Retry-After as the lower bound of the next delay', async () => {
    const merchantId = 'm_retry_after';
    const r = await receiver();
    r.respond = (_request, index) => (index === 0 ? { status: 503, headers: { 'retry-after': '2' } } : { status: 200 });
    await endpointFor(merchantId, r.url, ['session.paid']);
    await harness.paidSession(merchantId);
    await eventually(() => r.requests.length === 2, 'second attempt', 20_000);
    expect(r.requests[1]!.at - r.requests[0]!.at).toBeGreaterThanOrEqual(1_950);
  });

  it('disables an endpoint at once on 410, says so on the log, and sends it nothing more', async () => {
    const merchantId = 'm_gone';
    const r = await receiver();
    r.respond = () => ({ status: 410, body: 'gone' });
    const endpoint = await endpointFor(merchantId, r.url, ['*']);
    await harness.paidSession(merchantId);
    await eventually(async () => (await harness.endpointRow(app, endpoint.endpointId))?.status === 'disabled', 'endpoint disabled');
    const facts = (await app.runtime.dataSource.query(
      `SELECT data FROM dispatcher.events WHERE type = 'webhook.endpoint_disabled' AND stream_id = $1`,
      [`webhook_endpoint-${endpoint.endpointId}`],
    )) as { data: { reason: string } }[];
    expect(facts).toHaveLength(1);
    expect(facts[0]!.data.reason).toMatch(/410/);
    const seen = r.requests.length;
    await harness.paidSession(merchantId);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(r.requests.length).toBe(seen);
    // Only the first 410'd delivery is failed; the rest wait for the endpoint to be enabled again.
    const statuses = (await deliveriesOf(merchantId)).map((d) => d.status);
    expect(statuses.filter((s) => s === WebhookDeliveryStatus.FAILED).length).toBeGreaterThanOrEqual(1);
  });

  it('sends a test event of a chosen type to one endpoint, whatever it subscribes to', async () => {
    const merchantId = 'm_test_event';
    const r = await receiver();
    const endpoint = await endpointFor(merchantId, r.url, ['session.created']);
    const answer = await app.sendTest.execute(
      create(TestWebhookEndpointRequestSchema, { context: context(merchantId), endpointId: endpoint.endpointId, eventType: 'session.expired' }),
    );
    expect(answer.delivery?.test).toBe(true);
    expect(answer.delivery?.status).toBe(WebhookDeliveryStatus.SUCCEEDED);
    expect(r.requests).toHaveLength(1);
    const event = verifyWebhook({ payload: r.requests[0]!.body, headers: headerRecord(r.requests[0]!.headers), secret: endpoint.secret });
    expect(event.type).toBe('session.expired');
    expect((event.data.object as { status: string }).status).toBe('expired');
    // Another merchant, or the other mode, cannot see the endpoint.
    await expect(
      app.sendTest.execute(create(TestWebhookEndpointRequestSchema, { context: context('m_intruder'), endpointId: endpoint.endpointId })),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      app.sendTest.execute(
        create(TestWebhookEndpointRequestSchema, { context: { merchantId, livemode: true }, endpointId: endpoint.endpointId }),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('retries one delivery on request, after its retries were spent', async () => {
    const merchantId = 'm_manual';
    const r = await receiver();
    let healthy = false;
    r.respond = () => (healthy ? { status: 204 } : { status: 502 });
    await endpointFor(merchantId, r.url, ['session.paid']);
    await harness.paidSession(merchantId);
    const [failed] = await eventually(async () => {
      const list = await deliveriesOf(merchantId);
      return list[0]?.status === WebhookDeliveryStatus.FAILED ? list : undefined;
    }, 'retries spent');
    expect(failed!.attempts).toHaveLength(4);
    healthy = true;
    const answer = await app.retryDelivery.execute(
      create(RetryWebhookDeliveryRequestSchema, { context: context(merchantId), deliveryId: failed!.deliveryId }),
    );
    expect(answer.delivery?.status).toBe(WebhookDeliveryStatus.SUCCEEDED);
    expect(answer.delivery?.attempts.map((attempt) => attempt.httpStatus)).toEqual([502, 502, 502, 502, 204]);
    expect(new Set(r.requests.map((request) => request.headers['webhook-id'])).size).toBe(1);
    await expect(
      app.retryDelivery.execute(create(RetryWebhookDeliveryRequestSchema, { context: context('m_intruder'), deliveryId: failed!.deliveryId })),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('replays every event of the chosen types since a time to one endpoint', async () => {
    const merchantId = 'm_replay';
    const first = await receiver();
    await endpointFor(merchantId, first.url, ['session.created']);
    const before = await harness.paidSession(merchantId);
    await eventually(() => first.requests.length === 1, 'first session delivered');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const since = new Date();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await harness.paidSession(merchantId);
    await eventually(() => first.requests.length === 2, 'second session delivered');

    const late = await receiver();
    const fresh = await endpointFor(merchantId, late.url, ['session.created']);
    const answer = await app.replay.execute(
      create(ReplayWebhookEventsRequestSchema, {
        context: context(merchantId),
        endpointId: fresh.endpointId,
        eventTypes: ['session.paid', 'session.detected'],
        since: since.toISOString(),
      }),
    );
    expect(answer.scheduled).toBe(2);
    await eventually(() => late.requests.length === 2, 'replayed');
    const replayed = late.bodies();
    expect(replayed.map((body) => body.type).sort()).toEqual(['session.detected', 'session.paid']);
    expect(replayed.every((body) => body.data.object.id === after.sessionId)).toBe(true);
    expect(replayed.some((body) => body.data.object.id === before.sessionId)).toBe(false);
    for (const request of late.requests) {
      expect(() => verifyWebhook({ payload: request.body, headers: headerRecord(request.headers), secret: fresh.secret })).not.toThrow();
    }
  });

  it('signs with both secrets during a rotation, and with the new one only after the overlap', async () => {
    const merchantId = 'm_rotate';
    const r = await receiver();
    const endpoint = await endpointFor(merchantId, r.url, ['session.paid']);
    const overlapEnds = new Date(Date.now() + 2_500);
    const newSecret = await harness.rotateSecret({ merchantId, endpointId: endpoint.endpointId, previousExpiresAt: overlapEnds });
    await eventually(async () => {
      const rows = (await app.runtime.dataSource.query(
        `SELECT previous_secret_ciphertext FROM dispatcher.webhook_endpoints WHERE endpoint_id = $1`,
        [endpoint.endpointId],
      )) as { previous_secret_ciphertext: string | null }[];
      return rows[0]?.previous_secret_ciphertext !== null;
    }, 'rotation projected');

    await harness.paidSession(merchantId);
    await eventually(() => r.requests.length === 1, 'delivery during the overlap');
    const during = r.requests[0]!;
    for (const secret of [endpoint.secret, newSecret]) {
      expect(verifyWebhook({ payload: during.body, headers: headerRecord(during.headers), secret }).type).toBe('session.paid');
      expect(() => new Webhook(secret).verify(during.body, headerRecord(during.headers))).not.toThrow();
    }

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, overlapEnds.getTime() - Date.now() + 100)));
    await harness.paidSession(merchantId);
    await eventually(() => r.requests.length === 2, 'delivery after the overlap');
    const afterOverlap = r.requests[1]!;
    expect(verifyWebhook({ payload: afterOverlap.body, headers: headerRecord(afterOverlap.headers), secret: newSecret }).type).toBe('session.paid');
    expect(() => verifyWebhook({ payload: afterOverlap.body, headers: headerRecord(afterOverlap.headers), secret: endpoint.secret })).toThrow();
    expect(() => new Webhook(endpoint.secret).verify(afterOverlap.body, headerRecord(afterOverlap.headers))).toThrow();
  });

  it('refuses a private address in live mode at delivery time', async () => {
    const merchantId = 'm_live';
    const r = await receiver();
    const endpoint = await harness.createEndpoint({ merchantId, url: r.url, events: ['session.paid'], livemode: true });
    await eventually(() => harness.endpointRow(app, endpoint.endpointId), 'endpoint projected');
    await harness.paidSession(merchantId, true);
    const [delivery] = await eventually(async () => {
      const page = await app.listDeliveries.execute(
        create(ListWebhookDeliveriesRequestSchema, { context: { merchantId, livemode: true }, page: { limit: 10 } }),
      );
      return page.data[0]?.attempts.length ? page.data : undefined;
    }, 'live attempt logged');
    expect(delivery!.attempts[0]!.error).toMatch(/url_refused/);
    expect(r.requests).toHaveLength(0);
  });
});
