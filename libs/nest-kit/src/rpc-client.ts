import { Logger } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { AppError, UnavailableError } from '@opencheckout/errors';
import { firstValueFrom, timeout } from 'rxjs';
import { unwrapReply } from './rpc-reply.js';

export interface RpcRequestOptions {
  timeoutMs?: number;
}

/** A typed request-reply call over Nest's NATS client: the data, or the typed error the service answered. */
export class RpcClient {
  private readonly logger = new Logger(RpcClient.name);

  constructor(
    private readonly proxy: ClientProxy,
    private readonly defaultTimeoutMs = 5_000,
  ) {}

  async request<TResponse, TRequest = unknown>(
    pattern: string,
    payload: TRequest,
    options: RpcRequestOptions = {},
  ): Promise<TResponse> {
    let reply: unknown;
    try {
      reply = await firstValueFrom(
        this.proxy.send<unknown, TRequest>(pattern, payload).pipe(timeout(options.timeoutMs ?? this.defaultTimeoutMs)),
      );
    } catch (error) {
      if (error instanceof AppError) throw error;
      this.logger.warn({ pattern, err: error }, 'request-reply failed');
      throw new UnavailableError(undefined, { cause: error });
    }
    return unwrapReply<TResponse>(reply);
  }

  /** Publishes without waiting for an answer (for notices whose loss only costs freshness). */
  notify<TPayload>(pattern: string, payload: TPayload): void {
    this.proxy.emit<unknown, TPayload>(pattern, payload).subscribe({
      error: (error: unknown) => this.logger.warn({ pattern, err: error }, 'notice not sent'),
    });
  }

  async connect(): Promise<void> {
    await this.proxy.connect();
  }

  async close(): Promise<void> {
    await this.proxy.close();
  }
}
