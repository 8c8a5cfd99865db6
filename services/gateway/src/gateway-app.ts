import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { RpcClient } from '@opencheckout/nest-kit';
import type { Logger } from 'pino';
import { ApiKeyDirectory } from './auth/api-key-directory.js';
import type { GatewayConfig } from './config/gateway.config.js';

export const GATEWAY_APP = Symbol('GATEWAY_APP');

export interface GatewayAppOptions {
  natsUrl: string;
  streamName: string;
  subjectPrefix: string;
  config: GatewayConfig;
  logger: Logger;
}

/** What the gateway holds: a NATS connection for its key projection, and the request-reply client to the services. */
export class GatewayApp {
  private constructor(
    readonly config: GatewayConfig,
    readonly nats: NatsConnection,
    readonly keys: ApiKeyDirectory,
    readonly rpc: RpcClient,
    readonly logger: Logger,
  ) {}

  static async start(options: GatewayAppOptions): Promise<GatewayApp> {
    const servers = options.natsUrl.split(',').map((url) => url.trim());
    const nats = await connect({ servers, name: 'gateway-events' });
    const keys = new ApiKeyDirectory(jetstream(nats), options.streamName, options.subjectPrefix, options.logger);
    keys.start();
    const proxy = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers, name: 'gateway-rpc' } });
    const rpc = new RpcClient(proxy, options.config.RPC_TIMEOUT_MS);
    await rpc.connect();
    return new GatewayApp(options.config, nats, keys, rpc, options.logger);
  }

  async close(): Promise<void> {
    await this.keys.stop();
    await this.rpc.close();
    await this.nats.drain().catch(() => undefined);
  }
}
