import 'reflect-metadata';
import { Logger, type INestApplicationContext, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { RpcReplyInterceptor } from './rpc-reply.interceptor.js';
import { exitAfterShutdownDeadline } from './shutdown-deadline.js';

export interface StartMicroserviceOptions {
  /** The service name: also its NATS queue group, so replicas share requests. */
  name: string;
  natsUrl: string;
  logger?: LoggerService;
}

/** Boots a Nest microservice answering request-reply on core NATS (facts travel on JetStream, not here). */
export async function startMicroservice(module: unknown, options: StartMicroserviceOptions): Promise<INestApplicationContext> {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module as never, {
    transport: Transport.NATS,
    options: { servers: [options.natsUrl], queue: options.name, name: options.name },
    logger: options.logger,
    bufferLogs: options.logger !== undefined,
  });
  app.useGlobalInterceptors(new RpcReplyInterceptor());
  app.enableShutdownHooks();
  exitAfterShutdownDeadline();
  await app.listen();
  new Logger(options.name).log(`${options.name} answering on NATS`);
  return app;
}
