import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { HttpErrorFilter } from '@opencheckout/nest-kit';
import { GatewayModule } from './gateway.module.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/gateway.config.js';
import { registerBodyParsers } from './api/body-parsers.js';

async function bootstrap(): Promise<void> {
  const adapter = new FastifyAdapter({ bodyLimit: 256 * 1024, trustProxy: true });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule, adapter, { bufferLogs: true });
  registerBodyParsers(app);
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  const config = app.get<GatewayConfig>(GATEWAY_CONFIG);
  await app.listen({ port: config.port, host: config.host });
}

void bootstrap();
