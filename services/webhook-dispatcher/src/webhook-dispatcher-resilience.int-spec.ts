import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { create } from '@bufbuild/protobuf';
import { ListWebhookDeliveriesRequestSchema, WebhookDeliveryStatus } from '@opencheckout/contracts';
import { DispatcherHarness, Receiver, eventually } from '../test/dispatcher-harness.js';
import type { WebhookDispatcherApp } from './webhook-dispatcher-app.js';

describe('webhook dispatcher across restarts, replicas and bad endpoints', () => {
  let harness: DispatcherHarness;
  const receivers: Receiver[] = [];
  const running: WebhookDispatcherApp[] = [];

  async function receiver(): Promise<Receiver> {
    const r = await Receiver.start();
    receivers.push(r);
    return r;
  }

  async function start(...args: Parameters<DispatcherHarness['startApp']>): Promise<WebhookDispatcherApp> {
    const app = await harness.startApp(...args);
    running.push(app);
    return app;
  }

  async function stop(app: WebhookDispatcherApp): Promise<void> {
    running.splice(running.indexOf(app), 1);
    await harness.stopApp(app);
  }

  async function deliveries(app: WebhookDispatcherApp, merchantId: string) {
    const page = await app.listDeliveries.execute(
      create(ListWebhookDeliveriesRequestSchema, { context: { merchantId, livemode: false }, page: { limit: 100 } }),
    );
    return page.data;
  }

  beforeAll(async () => {
    harness = await DispatcherHarness.create();
  });

  afterEach(async () => {
    for (const app of [...running]) await stop(app);
  });

  afterAll(async () => {
    await harness?.close();
    for (const r of receivers) await r.close();
  });

  it('delivers after a restart when stopped in the middle of a POST; nothing is lost', async () => {
    const merchantId = 'm_restart';
    const r = await receiver();
    r.respond = (_request, index) => (index === 0 ? { status: 200, hang: true } : { status: 200, body: 'ok' });
    const first = await start();
    const endpoint = await harness.createEndpoint({ merchantId, url: r.url, events: ['session.paid'] });
    await eventually(() => harness.endpointRow(first, endpoint.endpointId), 'endpoint projected');
    await harness.paidSession(merchantId);
    await eventually(() => r.requests.length === 1, 'first POST in flight');
    await stop(first);
    expect((await deliveries(await start(), merchantId)).length).toBe(1);
    const app = running[0]!;
    const [delivery] = await eventually(async () => {
      const list = await deliveries(app, merchantId);
      return list[0]?.status === WebhookDeliveryStatus.SUCCEEDED ? list : undefined;
    }, 'delivered after restart');
    expect(delivery!.attempts.map((attempt) => attempt.httpStatus)).toEqual([200]);
    // At least once: the abandoned POST may have reached the receiver; the same event id both times.
    expect(new Set(r.requests.map((request) => request.headers['webhook-id'])).size).toBe(1);
  });

  it('takes over a delivery leased by a worker that died, once the lease lapses', async () => {
    const merchantId = 'm_crash';
    const r = await receiver();
    const app = await start();
    const endpoint = await harness.createEndpoint({ merchantId, url: r.url, events: ['session.paid'] });
    await eventually(() => harness.endpointRow(app, endpoint.endpointId), 'endpoint projected');
    // Stop the live worker, so the only claim is the dead worker's.
    await app.worker.stop();
    await harness.paidSession(merchantId);
    await eventually(async () => (await deliveries(app, merchantId)).length === 1, 'delivery scheduled');
    const claimed = await app.deliveries.claim({ owner: 'crashed-worker', now: new Date(), leaseMs: 1_500, limit: 10, perEndpoint: 2 });
    expect(claimed).toHaveLength(1);
    app.worker.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(r.requests).toHaveLength(0);
    await eventually(() => r.requests.length === 1, 'delivered after the lease lapsed');
    await eventually(async () => (await deliveries(app, merchantId))[0]?.status === WebhookDeliveryStatus.SUCCEEDED, 'recorded');
    expect((await deliveries(app, merchantId))[0]!.attempts).toHaveLength(1);
  });

  it('two dispatchers on one database never send a delivery twice', async () => {
    const merchantId = 'm_replicas';
    const a = await receiver();
    const b = await receiver();
    const one = await start();
    await start();
    for (const r of [a, b]) {
      const endpoint = await harness.createEndpoint({ merchantId, url: r.url, events: ['*'] });
      await eventually(() => harness.endpointRow(one, endpoint.endpointId), 'endpoint projected');
    }
    const sessions = 15;
    await Promise.all(Array.from({ length: sessions }, () => harness.paidSession(merchantId)));
    await eventually(() => a.requests.length >= sessions * 3 && b.requests.length >= sessions * 3, 'all delivered', 30_000);
    await eventually(async () => {
      const list = await deliveries(one, merchantId);
      return list.length === sessions * 6 && list.every((d) => d.status === WebhookDeliveryStatus.SUCCEEDED);
    }, 'all logged');
    for (const r of [a, b]) {
      const ids = r.requests.map((request) => request.headers['webhook-id']);
      expect(ids).toHaveLength(sessions * 3);
      expect(new Set(ids).size).toBe(sessions * 3);
    }
    const attempts = (await one.runtime.dataSource.query(`SELECT count(*)::int AS n FROM dispatcher.attempts`)) as { n: number }[];
    expect(attempts[0]!.n).toBeGreaterThanOrEqual(sessions * 6);
    const perDelivery = (await one.runtime.dataSource.query(
      `SELECT max(c)::int AS most FROM (SELECT count(*) AS c FROM dispatcher.attempts a JOIN dispatcher.deliveries d USING (delivery_id)
       WHERE d.merchant_id = $1 GROUP BY delivery_id) x`,
      [merchantId],
    )) as { most: number }[];
    expect(perDelivery[0]!.most).toBe(1);
  });

  it('a hanging endpoint holds at most its own slots while healthy endpoints are served', async () => {
    const merchantId = 'm_hang';
    const hung = await receiver();
    hung.respond = () => ({ status: 200, hang: true });
    const healthy = await receiver();
    const app = await start({ WEBHOOK_TIMEOUT_MS: 8_000 });
    for (const r of [hung, healthy]) {
      const endpoint = await harness.createEndpoint({ merchantId, url: r.url, events: ['*'] });
      await eventually(() => harness.endpointRow(app, endpoint.endpointId), 'endpoint projected');
    }
    const sessions = 10;
    await Promise.all(Array.from({ length: sessions }, () => harness.paidSession(merchantId)));
    await eventually(() => healthy.requests.length === sessions * 3, 'healthy endpoint served', 30_000);
    // Served while every POST to the hanging endpoint is still open: none has timed out and been logged.
    const hungAttempts = (await app.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM dispatcher.attempts a JOIN dispatcher.webhook_endpoints e USING (endpoint_id) WHERE e.url = $1`,
      [hung.url],
    )) as { n: number }[];
    expect(hungAttempts[0]!.n).toBe(0);
    expect(hung.requests.length).toBeLessThanOrEqual(2);
    await eventually(() => hung.requests.length === 2, 'both slots of the hanging endpoint used');
  });

  it('disables an endpoint that keeps failing for WEBHOOK_DISABLE_AFTER_SECONDS, with an event', async () => {
    const merchantId = 'm_failing';
    const r = await receiver();
    r.respond = () => ({ status: 500 });
    const app = await start({ WEBHOOK_DISABLE_AFTER_SECONDS: 1, WEBHOOK_RETRY_SCHEDULE: '300ms,300ms,300ms,300ms,300ms,300ms' });
    const endpoint = await harness.createEndpoint({ merchantId, url: r.url, events: ['session.paid'] });
    await eventually(() => harness.endpointRow(app, endpoint.endpointId), 'endpoint projected');
    await harness.paidSession(merchantId);
    await eventually(async () => (await harness.endpointRow(app, endpoint.endpointId))?.status === 'disabled', 'endpoint disabled', 20_000);
    expect((await harness.endpointRow(app, endpoint.endpointId))?.disabled_reason).toMatch(/failed/);
    const facts = (await app.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM dispatcher.events WHERE type = 'webhook.endpoint_disabled' AND stream_id = $1`,
      [`webhook_endpoint-${endpoint.endpointId}`],
    )) as { n: number }[];
    expect(facts[0]!.n).toBe(1);
    const attemptsAtDisable = r.requests.length;
    expect(attemptsAtDisable).toBeGreaterThanOrEqual(4);
    expect(attemptsAtDisable).toBeLessThan(7);
    // Re-enabled by the merchant: the old failure run no longer counts, deliveries resume.
    r.respond = () => ({ status: 200 });
    await harness.updateEndpoint({ merchantId, endpointId: endpoint.endpointId, url: r.url, events: ['session.paid'], enabled: true });
    await eventually(async () => (await harness.endpointRow(app, endpoint.endpointId))?.status === 'enabled', 'endpoint re-enabled');
    await eventually(async () => (await deliveries(app, merchantId))[0]?.status === WebhookDeliveryStatus.SUCCEEDED, 'resumed');
  });
});
