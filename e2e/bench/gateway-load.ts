// Drives `POST /api/v1/checkout_sessions` with autocannon: one merchant key,
// a unique Idempotency-Key on every request, fixed connections and duration.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export interface GatewayLoadResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

export async function gatewayLoad(options: { gatewayUrl: string; key: string; connections: number; seconds: number }): Promise<GatewayLoadResult> {
  const result = await autocannon({
    url: options.gatewayUrl,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/checkout_sessions',
        headers: { authorization: `Bearer ${options.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ amount: { value: '25.00', currency: 'USD' }, metadata: { source: 'bench' } }),
        // Each request a new key: a repeated key would be answered from the idempotency record.
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': randomUUID() } }),
      },
    ],
  });
  return {
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count])),
  };
}
