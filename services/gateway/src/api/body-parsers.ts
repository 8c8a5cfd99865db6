import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import qs from 'qs';

/**
 * JSON (Fastify's own parser) and form encoding with Stripe's bracket notation
 * (`line_items[0][price_data][currency]=usd`), which the official Stripe SDK sends.
 * Any other media type is answered 415 by Fastify and mapped to a typed error.
 */
export function registerBodyParsers(app: NestFastifyApplication): void {
  // Plain text is no API body here: refuse it with 415 rather than parse it.
  app.getHttpAdapter().getInstance().removeContentTypeParser(['text/plain']);
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit: 256 * 1024 }, (_request, body, done) => {
    try {
      const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
      done(null, qs.parse(text, { depth: 6, arrayLimit: 100, parameterLimit: 2_000, allowPrototypes: false }));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
