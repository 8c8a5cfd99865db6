import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { HttpErrorFilter } from '@opencheckout/nest-kit';
import type { GatewayApp } from '../../gateway-app.js';
import { GatewayModule } from '../../gateway.module.js';

const fakeApp = {
  config: { RATE_LIMIT_PER_SECOND: 100, GATEWAY_READY_SERVICES: [], WEB_BUILD_DIR: '/nonexistent-web-build' },
  close: async () => undefined,
} as unknown as GatewayApp;

/** The document and the docs page over real HTTP (loopback; the routes need no services). */
describe('GET /api/openapi.json and /api/docs', () => {
  let http: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    http = await NestFactory.create<NestFastifyApplication>(GatewayModule.forApp(fakeApp), new FastifyAdapter(), { logger: false });
    http.useGlobalFilters(new HttpErrorFilter());
    await http.listen({ port: 0, host: '127.0.0.1' });
    base = await http.getUrl();
  });

  afterAll(async () => {
    await http?.close();
  });

  it('answers the OpenAPI 3.1 document as JSON', async () => {
    const response = await fetch(`${base}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/checkout_sessions', '/v1/checkout/sessions']));
  });

  it('serves a docs page whose every asset comes from this gateway', async () => {
    const page = await fetch(`${base}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      const url = new URL(source, `${base}/api/docs`);
      expect({ source, host: url.host }).toEqual({ source, host: new URL(base).host });
      const asset = await fetch(url);
      expect({ source, status: asset.status }).toEqual({ source, status: 200 });
      await asset.arrayBuffer();
    }
    const init = await (await fetch(`${base}/api/docs/docs.js`)).text();
    expect(init).toContain("url: './openapi.json'");
    expect(init).toContain('validatorUrl: null');
    const bundle = await fetch(`${base}/api/docs/swagger-ui-bundle.js`);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect(await bundle.text()).toContain('SwaggerUIBundle');
  });

  it('refuses any other name under /api/docs with the error object', async () => {
    for (const name of ['package.json', '..%2F..%2Fpackage.json', 'swagger-ui-bundle.js.map']) {
      const response = await fetch(`${base}/api/docs/${name}`);
      expect({ name, status: response.status }).toEqual({ name, status: 404 });
      expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'resource_missing' } });
    }
  });
});
