import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogConfig, NatsConfig, loadConfig } from '@opencheckout/config';
import { createLogger, PinoNestLogger } from '@opencheckout/logging';
import { HttpErrorFilter, exitAfterShutdownDeadline } from '@opencheckout/nest-kit';
import qs from 'qs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { webBuildDir } from './api/web.controller.js';
import { registerBodyParsers } from './api/body-parsers.js';
import { replyFrameworkError } from './api/framework-errors.js';
import { GatewayConfig } from './config/gateway.config.js';
import { GatewayApp } from './gateway-app.js';
import { GatewayModule } from './gateway.module.js';

async function main(): Promise<void> {
  const config = loadConfig({ nats: NatsConfig, log: LogConfig, gateway: GatewayConfig });
  const logger = createLogger({ name: 'gateway', level: config.log.LOG_LEVEL, pretty: config.log.LOG_PRETTY });
  const app = await GatewayApp.start({
    natsUrl: config.nats.NATS_URL,
    streamName: config.nats.EVENTS_STREAM,
    subjectPrefix: config.nats.EVENTS_SUBJECT_PREFIX,
    config: config.gateway,
    logger,
  });
  const adapter = new FastifyAdapter({
    bodyLimit: 256 * 1024,
    trustProxy: true,
    frameworkErrors: replyFrameworkError,
    routerOptions: {
      // Stripe's bracket notation in query strings too: created[gte]=…
      querystringParser: (query: string) => qs.parse(query, { depth: 3, parameterLimit: 200 }) as Record<string, string>,
    },
  });
  const http = await NestFactory.create<NestFastifyApplication>(GatewayModule.forApp(app), adapter, {
    logger: new PinoNestLogger(logger),
  });
  registerBodyParsers(http);
  const assets = join(webBuildDir(config.gateway.WEB_BUILD_DIR), 'assets');
  if (existsSync(assets)) http.useStaticAssets({ root: assets, prefix: '/assets/', maxAge: '1y', immutable: true });
  http.useGlobalFilters(new HttpErrorFilter());
  http.enableShutdownHooks();
  exitAfterShutdownDeadline();
  await http.listen({ port: config.gateway.PORT, host: config.gateway.HOST });
  logger.info({ port: config.gateway.PORT }, 'gateway listening');
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
