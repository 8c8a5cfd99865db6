import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { healthSubject } from '@opencheckout/contracts';
import { collectDefaultMetrics, register } from 'prom-client';
import { GATEWAY_APP, type GatewayApp } from '../gateway-app.js';

interface ReplyLike {
  status(code: number): ReplyLike;
  send(body: unknown): void;
}

collectDefaultMetrics();

/** Liveness, readiness (every service answers and the key projection caught up) and Prometheus metrics. */
@Controller()
export class HealthController {
  constructor(@Inject(GATEWAY_APP) private readonly app: GatewayApp) {}

  @Get('healthz')
  healthz() {
    return { ok: true };
  }

  @Get('readyz')
  async readyz(@Res() reply: ReplyLike) {
    const checks = await Promise.all(
      this.app.config.GATEWAY_READY_SERVICES.map(async (service) => {
        try {
          await this.app.rpc.request(healthSubject(service), {}, { timeoutMs: 1_000 });
          return [service, 'ok'] as const;
        } catch {
          return [service, 'unavailable'] as const;
        }
      }),
    );
    const status = Object.fromEntries([...checks, ['apiKeys', this.app.keys.ready ? 'ok' : 'catching_up']]);
    const ready = Object.values(status).every((value) => value === 'ok');
    reply.status(ready ? 200 : 503).send({ ready, checks: status });
  }

  @Get('metrics')
  @Header('Content-Type', register.contentType)
  metrics() {
    return register.metrics();
  }
}
