import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deliverWebhook } from './deliver-webhook.js';
import { signWebhook } from './sign-webhook.js';
import { verifyWebhook } from './verify-webhook.js';
import { generateWebhookSecret } from './webhook-secret.js';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('deliverWebhook (real local HTTP server)', () => {
  let server: Server;
  let base: string;
  const received: Received[] = [];
  const pending = new Set<ServerResponse>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        switch (req.url) {
          case '/ok':
            res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
            break;
          case '/fail':
            res.writeHead(500).end('x'.repeat(5000));
            break;
          case '/gone':
            res.writeHead(410).end('endpoint removed');
            break;
          case '/busy':
            res.writeHead(503, { 'retry-after': '120' }).end('later');
            break;
          case '/redirect':
            res.writeHead(302, { location: '/ok' }).end();
            break;
          case '/slow':
            pending.add(res); // never answered within the timeout
            break;
          default:
            res.writeHead(404).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const res of pending) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const secret = generateWebhookSecret();
  const body = '{"id":"evt_1","object":"event","type":"session.paid"}';
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = { ...signWebhook({ secret, payload: body, eventId: 'evt_1', timestamp }) };

  it('posts the exact signed body, which the receiver can verify, and reports a 2xx as ok', async () => {
    const result = await deliverWebhook({ url: `${base}/ok`, body, headers });
    expect(result).toMatchObject({ ok: true, status: 200, responseExcerpt: 'thanks' });
    expect(result.error).toBeUndefined();
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    const got = received.find((r) => r.path === '/ok')!;
    expect(got.body).toBe(body);
    expect(got.headers['content-type']).toBe('application/json');
    expect(verifyWebhook({ payload: got.body, headers: got.headers as Record<string, string>, secret }).id).toBe('evt_1');
  });

  it('reports a 500 as a failure with a 1 KiB excerpt', async () => {
    const result = await deliverWebhook({ url: `${base}/fail`, body, headers });
    expect(result.ok).toBe(false);
    expect(result.status).toBe(500);
    expect(result.responseExcerpt).toBe('x'.repeat(1024));
  });

  it('reports a 410 as a failure with its status', async () => {
    const result = await deliverWebhook({ url: `${base}/gone`, body, headers });
    expect(result).toMatchObject({ ok: false, status: 410, responseExcerpt: 'endpoint removed' });
  });

  it('passes Retry-After through', async () => {
    const result = await deliverWebhook({ url: `${base}/busy`, body, headers });
    expect(result).toMatchObject({ ok: false, status: 503, retryAfter: '120' });
  });

  it('never follows a redirect: a 3xx is a failure', async () => {
    const before = received.filter((r) => r.path === '/ok').length;
    const result = await deliverWebhook({ url: `${base}/redirect`, body, headers });
    expect(result).toMatchObject({ ok: false, status: 302 });
    expect(received.filter((r) => r.path === '/ok').length).toBe(before);
  });

  it('reports a timeout without throwing', async () => {
    const result = await deliverWebhook({ url: `${base}/slow`, body, headers, timeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, error: 'timeout', responseExcerpt: '' });
    expect(result.status).toBeUndefined();
  });

  it('reports a refused connection without throwing', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await deliverWebhook({ url: `http://127.0.0.1:${port}/`, body, headers });
    expect(result).toMatchObject({ ok: false, error: 'connection_refused' });
  });

  it('reports an unresolvable host as a dns error', async () => {
    const result = await deliverWebhook({ url: 'http://no-such-host.invalid/', body, headers, timeoutMs: 5000 });
    expect(result.ok).toBe(false);
    expect(result.error).toBe('dns');
  });
});
