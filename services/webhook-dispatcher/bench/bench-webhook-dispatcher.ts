// Measures the webhook dispatcher against real Postgres and NATS and local HTTP
// receivers: deliveries per second, lag from event to first attempt at a fixed
// rate, and that lag for healthy endpoints while another endpoint hangs. Run:
//   DATABASE_URL=… NATS_URL=… node --conditions=@opencheckout/source \
//     --import ./libs/messaging/test/register-swc.mjs services/webhook-dispatcher/bench/bench-webhook-dispatcher.ts
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { SessionPaidSchema } from '@opencheckout/contracts';
import { DispatcherHarness, Receiver, eventually } from '../test/dispatcher-harness.js';

export interface BenchWebhookDispatcherOptions {
  /** Deliveries in the throughput run. Default 2,000. */
  deliveries?: number;
  /** Endpoints sharing them (each holds at most 2 in flight). Default 16. */
  endpoints?: number;
  /** Events per second in the lag runs. Default 50. */
  rate?: number;
  /** Length of each lag run. Default 8 s. */
  seconds?: number;
}

export interface BenchWebhookDispatcherResult {
  deliveriesPerSec: number;
  deliveries: number;
  lagP50Ms: number;
  lagP99Ms: number;
  /** The same fixed-rate run while one more endpoint never answers. */
  lagWithHangingP50Ms: number;
  lagWithHangingP99Ms: number;
  p99ChangeMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function publishPaid(harness: DispatcherHarness, merchantId: string): Promise<void> {
  const sessionId = `cs_bench_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  await harness.publish(
    'session.paid',
    SessionPaidSchema,
    { sessionId, merchantId, livemode: false, sequence: 1, amountReceivedAtomic: '1000', amountDueAtomic: '1000' },
    { streamId: `session-${sessionId}`, version: 1, merchantId, livemode: false },
  );
}

export async function benchWebhookDispatcher(options: BenchWebhookDispatcherOptions = {}): Promise<BenchWebhookDispatcherResult> {
  const total = options.deliveries ?? 2_000;
  const endpointCount = options.endpoints ?? 16;
  const rate = options.rate ?? 50;
  const seconds = options.seconds ?? 8;
  const harness = await DispatcherHarness.create();
  const receivers: Receiver[] = [];
  try {
    const app = await harness.startApp({ WEBHOOK_TIMEOUT_MS: 10_000, WEBHOOK_POLL_MS: 200 }, { leaseMarginMs: 15_000 });

    // 1. Throughput: deliveries written while the worker is stopped, then sent flat out.
    const merchant = 'm_bench_throughput';
    const sink = await Receiver.start();
    receivers.push(sink);
    for (let i = 0; i < endpointCount; i += 1) {
      const endpoint = await harness.createEndpoint({ merchantId: merchant, url: `${sink.url}/${i}`, events: ['session.paid'] });
      await eventually(() => harness.endpointRow(app, endpoint.endpointId), 'endpoint projected');
    }
    await app.worker.stop();
    const events = Math.ceil(total / endpointCount);
    for (let i = 0; i < events; i += 1) await publishPaid(harness, merchant);
    const scheduled = events * endpointCount;
    await eventually(async () => {
      const rows = (await app.runtime.dataSource.query(`SELECT count(*)::int AS n FROM dispatcher.deliveries`)) as { n: number }[];
      return rows[0]!.n >= scheduled;
    }, 'deliveries scheduled', 120_000);
    const started = performance.now();
    app.worker.start();
    await eventually(() => sink.requests.length >= scheduled, 'all delivered', 300_000);
    const deliveriesPerSec = Math.round(scheduled / ((performance.now() - started) / 1000));

    // 2. Lag at a fixed rate, to two healthy endpoints of one merchant.
    const lagMerchant = 'm_bench_lag';
    const healthy = await Receiver.start();
    receivers.push(healthy);
    const endpoint = await harness.createEndpoint({ merchantId: lagMerchant, url: healthy.url, events: ['session.paid'] });
    await eventually(() => harness.endpointRow(app, endpoint.endpointId), 'endpoint projected');
    const lag = await measureLag(harness, lagMerchant, healthy, rate, seconds);

    // 3. The same with one more endpoint (same merchant, same events) that never answers.
    const hanging = await Receiver.start();
    receivers.push(hanging);
    hanging.respond = () => ({ status: 200, hang: true });
    const dead = await harness.createEndpoint({ merchantId: lagMerchant, url: hanging.url, events: ['session.paid'] });
    await eventually(() => harness.endpointRow(app, dead.endpointId), 'endpoint projected');
    const lagHanging = await measureLag(harness, lagMerchant, healthy, rate, seconds);

    return {
      deliveriesPerSec,
      deliveries: scheduled,
      lagP50Ms: percentile(lag, 50),
      lagP99Ms: percentile(lag, 99),
      lagWithHangingP50Ms: percentile(lagHanging, 50),
      lagWithHangingP99Ms: percentile(lagHanging, 99),
      p99ChangeMs: percentile(lagHanging, 99) - percentile(lag, 99),
    };
  } finally {
    await harness.close();
    for (const receiver of receivers) await receiver.close();
  }
}

/** Publishes `rate` events a second for `seconds`, answering each one's publish-to-arrival lag, sorted. */
async function measureLag(harness: DispatcherHarness, merchantId: string, receiver: Receiver, rate: number, seconds: number): Promise<number[]> {
  receiver.requests.length = 0;
  const publishedAt = new Map<string, number>();
  const total = rate * seconds;
  const started = Date.now();
  for (let i = 0; i < total; i += 1) {
    const wait = started + (i * 1000) / rate - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sessionId = `cs_bench_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    publishedAt.set(sessionId, Date.now());
    await harness.publish(
      'session.paid',
      SessionPaidSchema,
      { sessionId, merchantId, livemode: false, sequence: 1, amountReceivedAtomic: '1000', amountDueAtomic: '1000' },
      { streamId: `session-${sessionId}`, version: 1, merchantId, livemode: false },
    );
  }
  await eventually(() => receiver.requests.length >= total, 'lag run delivered', 120_000);
  return receiver.requests
    .map((request) => {
      const body = JSON.parse(request.body) as { data: { object: { id: string } } };
      return request.at - (publishedAt.get(body.data.object.id) ?? request.at);
    })
    .sort((a, b) => a - b);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchWebhookDispatcher()
    .then((result) => {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
